import { describe, expect, it } from 'vitest';
import type { Finding } from './api/types';
import { checkStandIn, fillResultsStandIn, importStandIn, resultsTableStandIn } from './api/memory';
import { findingTarget, groupFindings, isResultsHeader, looksLikeNumberedText, withoutFrontMatter } from './checks';

const f = (line: number, excerpt: string, severity: Finding['severity'] = 'error'): Finding => ({ rule: 'placeholder', severity, message: 'm', line, excerpt });

describe('numbered plain text (paste)', () => {
  it('needs two heading-like lines', () => {
    expect(looksLikeNumberedText('一、工作概述\n今年完成了……\n二、存在问题\n')).toBe(true);
    expect(looksLikeNumberedText('（一）客户\n（二）产品')).toBe(true);
    expect(looksLikeNumberedText('第一章 总则\n内容\n第二章 细则')).toBe(true);
    expect(looksLikeNumberedText('一、只有一个标题\n正文')).toBe(false);
    expect(looksLikeNumberedText('hello\nworld')).toBe(false);
  });
  it('strips the front matter of an import', () => {
    expect(withoutFrontMatter('---\nlang: zh-Hans\n---\n\n## 标题\n')).toBe('## 标题\n');
  });
});

describe('finding → place in the editor', () => {
  const body = '---\ntitle: "年度【数字】"\n---\n\n# 年度总结\n\n## 工作概述\n\n完成【数字】个项目。\n\n## 亮点\n\n新增【数字】家客户。\n';
  it('counts lines with the front matter and finds the right occurrence', () => {
    expect(findingTarget(body, f(13, '【数字】'))).toEqual({ needle: '【数字】', occurrence: 1, heading: '亮点' });
    expect(findingTarget(body, f(9, '【数字】'))).toEqual({ needle: '【数字】', occurrence: 0, heading: '工作概述' });
  });
  it('falls back to the line text when the excerpt is not on it', () => {
    expect(findingTarget(body, f(11, '……')).needle).toBe('亮点');
  });
  it('groups by severity, errors first, in line order', () => {
    const g = groupFindings([f(9, 'a', 'warning'), f(5, 'b', 'error'), f(3, 'c', 'warning')]);
    expect(g.map((x) => [x.severity, x.items.map((i) => i.line)])).toEqual([
      ['error', [5]],
      ['warning', [3, 9]],
    ]);
  });
  it('recognises a results header', () => {
    expect(isResultsHeader(['指标', '完成率'])).toBe(true);
    expect(isResultsHeader(['Metric', 'Completion'])).toBe(true);
    expect(isResultsHeader(['事项', '状态'])).toBe(false);
  });
});

describe('memory test doubles', () => {
  it('check finds placeholders and empty sections with whole-text line numbers', () => {
    const r = checkStandIn('---\nlang: zh-Hans\n---\n\n## 概述\n\n完成【数字】。\n\n## 计划\n');
    expect(r.map((x) => [x.rule, x.line])).toEqual([
      ['placeholder', 7],
      ['empty-section', 9],
    ]);
  });
  it('import turns numbering into headings and drops a breadcrumb with a note', () => {
    const r = importStandIn(null, '首页 > 新闻\n一、概述\n（一）客户\n正文');
    expect(withoutFrontMatter(r.markdown)).toBe('## 概述\n\n### 客户\n\n正文\n');
    expect(r.notes).toHaveLength(1);
  });
  it('results table and 完成率', () => {
    const t = resultsTableStandIn('zh-Hans', 2);
    expect(t.split('\n')[0]).toBe('| 指标 | 基线 | 目标 | 实际 | 完成率 |');
    const filled = fillResultsStandIn('| 指标 | 基线 | 目标 | 实际 | 完成率 |\n| --- | --- | --- | --- | --- |\n| 续约率 |  | 90% | 93% |  |\n| 客户 | 10 | 20 | 15 |  |');
    expect(filled.split('\n')[2]).toBe('| 续约率 |  | 90% | 93% | 103.3% |');
    expect(filled.split('\n')[3]).toBe('| 客户 | 10 | 20 | 15 | 50.0% |');
  });
});
