import { describe, expect, it } from 'vitest';
import { analyzeMarkdown, createMemoryApi, TEMPLATES, textCount } from './memory';

describe('memory api (test double) over the real template data', () => {
  it('loads every built-in template from crates/core/templates', async () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(13);
    expect(TEMPLATES[0]?.id).toBe('annual-five-part');
    const api = createMemoryApi();
    const zh = await api.listTemplates('zh-Hans');
    const five = zh.find((t) => t.id === 'annual-five-part');
    expect(five?.name).toBe('年度工作总结（五段式）');
    expect(five?.sections.map((s) => s.title)).toEqual(['工作完成情况概述', '主要业绩与亮点', '存在的问题与不足', '经验与教训', '未来工作计划']);
    expect(five?.sections[0]?.target).toEqual({ min: 300, max: 600 });
    expect((await api.listTemplates('zh-Hant')).find((t) => t.id === 'annual-five-part')?.name).toBe('年度工作總結（五段式）');
    expect((await api.listTemplates('en')).find((t) => t.id === 'annual-five-part')?.sections[0]?.title).toBe('Overview of the year');
  });

  it('creates a document with front matter, headings and prompts', async () => {
    const api = createMemoryApi();
    const info = await api.createDocument({ templateId: 'annual-five-part', title: '2026年度工作总结', author: '林晓舟', department: '客户成功部', position: '经理', period: '2026-Q3', lang: 'zh-Hans' });
    const doc = await api.getDocument(info.id);
    expect(doc.body).toContain('period: 2026-07-01 至 2026-09-30');
    expect(doc.body).toContain('# 2026年度工作总结\n\n## 工作完成情况概述\n\n【');
    expect(info.kind).toBe('annual');
  });

  it('numbers headings 一、（一）1.（1） and never doubles a typed number', () => {
    const a = analyzeMarkdown('# 题\n\n## 甲\n\n### 子\n\n#### 孙\n\n##### 曾孙\n\n## 二、乙\n\n## 丙\n', undefined);
    expect(a.headings.map((h) => h.number)).toEqual([null, '一、', '（一）', '1.', '（1）', null, '三、']);
  });

  it('coalesces automatic saves and keeps manual ones', async () => {
    const api = createMemoryApi();
    const d = await api.controls.addDocument('# a\n');
    await api.saveDocument(d.id, '# a\n\nb\n', 'auto');
    await api.saveDocument(d.id, '# a\n\nbc\n', 'auto');
    await api.saveDocument(d.id, '# a\n\nbcd\n', 'manual');
    expect((await api.history(d.id)).map((r) => [r.rev, r.auto])).toEqual([
      [3, false],
      [2, true],
      [1, false],
    ]);
    const out = await api.revert(d.id, 1);
    expect(out.rev).toBe(4);
    expect((await api.getDocument(d.id)).body).toBe('# a\n');
  });

  it('counts like Word: CJK characters and words', () => {
    expect(textCount('续约率 92.9%，KPI 达标')).toEqual({ chinese_chars: 5, words: 2, word_compatible: 8 });
  });
});
