// @vitest-environment jsdom
// The editor on the real engine (the development bridge, started by e2e/vitest-bridge.ts):
// what it marks as blanks is what the engine's check reports, case by case from the shared
// table (tests/fixtures/blank-cases.json, which `cargo test -p recap-api` reads too); a
// snippet goes in with its blanks marked and the first selected; a finding's spot is found.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createHttpApi } from '../api/http';
import type { Api, DocText } from '../api/types';
import { blanksOf } from './plugins';
import { RecapEditor } from './recap-editor';

interface Case {
  text: string;
  blanks: string[];
}
const table = JSON.parse(readFileSync(resolve(process.cwd(), '../tests/fixtures/blank-cases.json'), 'utf8')) as { cases: Case[] };

let api: Api;
beforeAll(() => {
  const b = inject('bridge');
  api = createHttpApi(b.url, { 'x-recap-token': b.token });
  // jsdom lays nothing out, so it has no scrolling.
  Element.prototype.scrollIntoView ??= () => undefined;
});

const editors: RecapEditor[] = [];
function open(md: string): RecapEditor {
  const e = new RecapEditor({ markdown: md });
  editors.push(e);
  return e;
}
afterEach(() => {
  editors.splice(0).forEach((e) => e.destroy());
});

const text = (e: RecapEditor): DocText => ({ front: '', content: e.getMarkdown(), title: null });

/** One analysis, as the editor screen runs it after a change. */
async function analyze(e: RecapEditor): Promise<void> {
  const asked = e.doc;
  const a = await api.doc_analyze(text(e), e.lines());
  e.setBlanks(asked, a.blanks);
}

/** An editor holding `para` as the paragraph of a section (typed in, so no Markdown reading
 *  stands between the case's text and the editor). */
function withParagraph(para: string): RecapEditor {
  const e = open('# 总结\n\n## 概述\n');
  const end = e.editor.state.doc.content.size;
  e.editor.commands.insertContentAt(end, { type: 'paragraph', content: para ? [{ type: 'text', text: para }] : [] });
  return e;
}

describe('blanks: the editor marks what the check reports', () => {
  for (const c of table.cases) {
    it(`${c.text}`, async () => {
      const e = withParagraph(c.text);
      await analyze(e);
      const marked = Array.from(e.editor.view.dom.querySelectorAll('.ph')).map((el) => el.textContent);
      expect(marked).toEqual(c.blanks);
      const reported = (await api.doc_check(text(e), null)).filter((f) => f.rule === 'placeholder').map((f) => f.spot?.text);
      expect(reported).toEqual(c.blanks);
    });
  }

  it('an answer for a text that has changed since is not applied; the marks follow the text', async () => {
    const e = withParagraph('完成【数字】家。');
    await analyze(e);
    expect(blanksOf(e.editor.state)).toHaveLength(1);
    const asked = e.doc;
    const answer = await api.doc_analyze(text(e), e.lines());
    // Typing before the answer arrives, at the start of the paragraph: the mark moves.
    const para = e.editor.state.doc.lastChild;
    expect(para).toBeTruthy();
    e.editor.commands.insertContentAt(e.editor.state.doc.content.size - (para?.nodeSize ?? 0) + 1, '今年');
    e.setBlanks(asked, answer.blanks);
    const [r] = blanksOf(e.editor.state);
    expect(r && e.editor.state.doc.textBetween(r[0], r[1])).toBe('【数字】');
  });
});

describe('snippets, clicks and jumps on the engine\'s blanks', () => {
  it('a snippet replaces the prompt, its blanks are marked and the first is selected', async () => {
    const templates = await api.templates_list('zh-Hans');
    const five = templates.find((t) => t.id === 'annual-five-part');
    const snippet = five?.sections[1]?.snippets[0];
    expect(snippet && snippet.blanks.length > 0).toBe(true);
    if (!snippet) return;
    const e = open('# 标题\n\n## 概述\n\n【写写概述】\n');
    await analyze(e);
    const [prompt] = blanksOf(e.editor.state);
    expect(prompt).toBeDefined();
    e.editor.commands.setTextSelection((prompt?.[0] ?? 0) + 1);
    e.insertSnippet(snippet);
    expect(e.getMarkdown()).not.toContain('【写写概述】');
    const sel = e.editor.state.selection;
    const first = snippet.blanks[0];
    expect(e.editor.state.doc.textBetween(sel.from, sel.to)).toBe(snippet.text.slice(first?.start, first?.end));
    expect(e.editor.view.dom.querySelectorAll('.ph').length).toBe(snippet.blanks.length);
  });

  it('a click on a prompt, or in the space after a prompt that ends its line, selects it', async () => {
    const e = open('# 标题\n\n## 概述\n\n【写写概述】\n\n完成【数字】个项目。\n');
    await analyze(e);
    const view = e.editor.view;
    const click = (pos: number): boolean =>
      Boolean(view.someProp('handleClick', (f) => f(view, pos, new MouseEvent('click', { button: 0 }))));
    const selected = (): string => view.state.doc.textBetween(view.state.selection.from, view.state.selection.to);
    const [prompt, inline] = blanksOf(view.state);
    expect(prompt && inline).toBeTruthy();
    if (!prompt || !inline) return;
    expect(click(prompt[0] + 2)).toBe(true);
    expect(selected()).toBe('【写写概述】');
    expect(click(prompt[1])).toBe(true);
    expect(selected()).toBe('【写写概述】');
    // Just after a blank inside a sentence, the click places the cursor as usual.
    expect(click(inline[1])).toBe(false);
  });

  it('a finding goes to its place: a section to the end of its heading, a blank selected', async () => {
    const e = open('# 标题\n\n## 下一步计划\n\n## 成绩\n\n新签客户【数字】家，又签【数字】家。\n');
    const before = e.editor.state.doc;
    const findings = await api.doc_check(text(e), null);
    const empty = findings.find((f) => f.rule === 'empty-section');
    expect(empty?.spot).toBeTruthy();
    if (!empty?.spot) return;
    expect(e.jumpToSpot(empty.spot)).toBe(true);
    const sel = e.editor.state.selection;
    expect(sel.empty).toBe(true);
    expect(e.editor.state.doc.resolve(sel.from).parent.textContent).toBe('下一步计划');
    const second = findings.filter((f) => f.rule === 'placeholder')[1];
    expect(second?.spot?.nth).toBe(1);
    if (!second?.spot) return;
    expect(e.jumpToSpot(second.spot)).toBe(true);
    const s2 = e.editor.state.selection;
    expect(e.editor.state.doc.textBetween(s2.from, s2.to)).toBe('【数字】');
    expect(s2.from).toBeGreaterThan(e.editor.state.doc.textContent.indexOf('又签'));
    expect(before.eq(e.editor.state.doc)).toBe(true); // a jump never edits
  });
});
