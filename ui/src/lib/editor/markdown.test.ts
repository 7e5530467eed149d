// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RecapEditor } from './recap-editor';
import { tidyMarkdown } from './markdown';
import { cleanPastedHtml, isFlatHtml } from './paste';

// Vitest runs from ui/; the fixtures are the repository's shared ones. The editor holds a
// document's Markdown without its front matter block (the engine keeps that).
const fixture = (name: string): string => readFileSync(resolve(process.cwd(), '../tests/fixtures', name), 'utf8');
const body = (text: string): string => text.replace(/^---\n[\s\S]*?\n---\n+/, '');

const editors: RecapEditor[] = [];
function open(md: string): RecapEditor {
  const e = new RecapEditor({ markdown: md });
  editors.push(e);
  return e;
}
afterEach(() => {
  editors.splice(0).forEach((e) => e.destroy());
});

/** Markdown → editor → Markdown, twice: the second pass must not change anything. */
function roundTrip(md: string): { once: string; twice: string } {
  const once = open(md).getMarkdown();
  const twice = open(once).getMarkdown();
  return { once, twice };
}

describe('editor Markdown round trip', () => {
  it('keeps headings of every level', () => {
    const md = '# 标题\n\n## 一级\n\n### 二级\n\n#### 三级\n\n##### 四级\n\n###### 五级\n';
    expect(roundTrip(md).once).toBe(md);
  });

  it('keeps a drafted item\'s source marker and still drops other schemes', () => {
    const md = '- 续约 42 家。[依据：12-01 共 1 条记录](recap:sources/e12,d5)\n';
    expect(roundTrip(md).once).toBe(md);
    const hrefs = (e: RecapEditor): string[] => [...e.editor.view.dom.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
    expect(hrefs(open(md))).toEqual(['recap:sources/e12,d5']);
    // Other schemes keep their text, not their address (as before markers existed).
    expect(hrefs(open('[坏链接](javascript:alert(1)) 与 [文件](file:///etc/passwd)\n')).filter((h) => h !== '')).toEqual([]);
  });

  it('keeps bold, italic and strikethrough', () => {
    const md = '正文 **加粗** 与 *倾斜* 和 ~~删除~~ 以及 `代码`。\n';
    expect(roundTrip(md).once).toBe(md);
  });

  it('keeps bullet, ordered, nested and task lists', () => {
    const md = [
      '- 甲',
      '- 乙',
      '  - 乙一',
      '  - 乙二',
      '',
      '1. 第一',
      '2. 第二',
      '3. 第三',
      '',
      '- [ ] 未完成',
      '- [x] 已完成',
      '',
    ].join('\n');
    const { once, twice } = roundTrip(md);
    expect(once).toBe(md);
    expect(twice).toBe(once);
  });

  it('keeps an ordered list that starts at another number', () => {
    const md = '3. 三\n4. 四\n';
    expect(roundTrip(md).once).toBe(md);
  });

  it('keeps tables with their alignment and cells', () => {
    const md = '| 指标 | 目标 | 实际 |\n| --- | ---: | :---: |\n| 续约率 | 90% | 92.9% |\n| 满意度 | 4.5 | 4.7 |\n';
    const { once, twice } = roundTrip(md);
    const rows = once.trim().split('\n').map((l) => l.split('|').map((c) => c.trim()).filter(Boolean));
    expect(rows[0]).toEqual(['指标', '目标', '实际']);
    expect(rows[1]?.[1]).toMatch(/^-+:$/);
    expect(rows[1]?.[2]).toMatch(/^:-+:$/);
    expect(rows[2]).toEqual(['续约率', '90%', '92.9%']);
    expect(rows[3]).toEqual(['满意度', '4.5', '4.7']);
    expect(twice).toBe(once);
  });

  it('keeps quotes, rules and code blocks', () => {
    const md = '> 数据要先于判断。\n> 判断要先于行动。\n\n---\n\n```\n代码 <b>不</b> 变\n```\n';
    const { once, twice } = roundTrip(md);
    expect(once).toBe(md);
    expect(twice).toBe(once);
  });

  it('does not turn literal Markdown characters into syntax', () => {
    const md = '【数字】个 \\# 不是标题，\\* 不是列表，1\\. 不是序号\n';
    const { once, twice } = roundTrip(md);
    expect(twice).toBe(once);
    const e = open(once);
    expect(e.editor.state.doc.childCount).toBe(1);
    expect(e.editor.state.doc.firstChild?.type.name).toBe('paragraph');
  });

  it('reads raw HTML as literal text, as the core does', () => {
    const e = open('<script>window.__pwned = true</script>\n\n前 <b>张三</b> 后\n');
    const text = e.editor.state.doc.textContent;
    expect(text).toContain('<script>window.__pwned = true</script>');
    expect(text).toContain('<b>张三</b>');
    expect(e.editor.state.doc.firstChild?.type.name).toBe('paragraph');
    const again = open(e.getMarkdown()).editor.state.doc.textContent;
    expect(again).toBe(text);
  });

  it('round-trips the sample annual summary without loss', () => {
    const src = body(fixture('annual-summary.md'));
    const { once, twice } = roundTrip(src);
    expect(twice).toBe(once);
    const text = (s: string): string => open(s).editor.state.doc.textContent;
    expect(text(once)).toBe(text(src));
    expect(once.match(/^#{1,6} /gm)?.length).toBe(src.match(/^#{1,6} /gm)?.length);
  });

  it('round-trips the hostile fixture stably', () => {
    const src = body(fixture('hostile.md'));
    const { once, twice } = roundTrip(src);
    expect(twice).toBe(once);
    expect(once).toContain('###### 六级标题');
  });
});

describe('tidyMarkdown', () => {
  it('drops filler paragraphs and extra blank lines outside code', () => {
    expect(tidyMarkdown('a\n\n&nbsp;\n\n\n\nb\n\n```\n&nbsp;\n\n\n```\n')).toBe('a\n\nb\n\n```\n&nbsp;\n\n\n```\n');
  });
});

describe('paste', () => {
  it('strips Word styles and classes but keeps structure and emphasis', () => {
    const html =
      '<html><head><style>p{color:red}</style></head><body><!--[if gte mso 9]><xml></xml><![endif]-->' +
      '<p class="MsoNormal" style="font-family:宋体;color:#ff0000">正文<span style="font-weight:bold">加粗</span><o:p></o:p></p>' +
      '<h2 style="mso-outline-level:2">标题</h2><p><a href="javascript:alert(1)">坏链接</a><a href="https://example.com" style="color:red">好链接</a></p>' +
      '<img src="x" onerror="window.__pwned=1"></body></html>';
    const out = cleanPastedHtml(html);
    expect(out).not.toMatch(/style=|class=|<o:p|<img|onerror|javascript:|<span/i);
    expect(out).toContain('<strong>加粗</strong>');
    expect(out).toContain('<h2>标题</h2>');
    expect(out).toContain('<a href="https://example.com">好链接</a>');
    expect(out).toContain('坏链接');
  });

  it('tells HTML that is only lines from HTML with structure of its own', () => {
    // A web page whose author typed the numbers: paragraphs and emphasis only.
    expect(isFlatHtml('<div><p><strong>一、总体情况</strong></p><p>全年完成<b>12</b>项。</p><br></div>')).toBe(true);
    expect(isFlatHtml('<p>一、概述</p><h2>二、计划</h2>')).toBe(false);
    expect(isFlatHtml('<p>一、概述</p><table><tr><td>指标</td></tr></table>')).toBe(false);
    expect(isFlatHtml('<ol><li>第一项</li></ol>')).toBe(false);
    expect(isFlatHtml('<p>图</p><img src="x">')).toBe(false);
  });

  it('unwraps the Google Docs bold wrapper', () => {
    const out = cleanPastedHtml('<b style="font-weight:normal;" id="docs-internal-guid-1"><p>普通</p></b>');
    expect(out).toBe('<p>普通</p>');
  });
});

describe('editor behaviour', () => {
  it('shows heading numbers as decorations, never in the text', () => {
    const e = open('# 标题\n\n## 概述\n\n正文\n\n## 计划\n');
    e.setNumbers([null, '一、', '二、']);
    const hs = e.editor.view.dom.querySelectorAll('h2');
    expect(hs[0]?.getAttribute('data-number')).toBe('一、');
    expect(hs[1]?.getAttribute('data-number')).toBe('二、');
    expect(e.getMarkdown()).toBe('# 标题\n\n## 概述\n\n正文\n\n## 计划\n');
  });

  it('waits for the end of an IME composition before replacing content', () => {
    const e = open('# 标题\n');
    const view = e.editor.view as unknown as { composing: boolean };
    Object.defineProperty(view, 'composing', { value: true, configurable: true, writable: true });
    e.setMarkdown('# 别的\n');
    e.setNumbers([null]);
    expect(e.getMarkdown()).toBe('# 标题\n');
    view.composing = false;
    e.editor.view.dom.dispatchEvent(new Event('compositionend'));
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        expect(e.getMarkdown()).toBe('# 别的\n');
        resolve();
      }, 5),
    );
  });

  it('leaves Ctrl+E (export) and Ctrl+S (save) to the app', () => {
    const e = open('正文\n');
    e.editor.commands.setTextSelection({ from: 1, to: 3 });
    const ev = new KeyboardEvent('keydown', { key: 'e', ctrlKey: true, bubbles: true, cancelable: true });
    e.editor.view.dom.dispatchEvent(ev);
    expect(e.editor.isActive('code')).toBe(false);
    expect(e.getMarkdown()).toBe('正文\n');
  });
});
