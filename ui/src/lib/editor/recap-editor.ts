// The Recap editor: TipTap over the document schema, plus the Recap plugins, wrapped in a
// small API the Svelte screen uses. Content is replaced only when no IME composition is in
// progress: a replace requested mid-composition waits for compositionend.
import { Editor, type JSONContent } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';
import { schemaExtensions } from './extensions';
import { keepHtmlAsText, tidyMarkdown } from './markdown';
import { cleanPastedHtml, isFlatHtml } from './paste';
import { AppKeys, blankKey, blankRanges, Blanks, blanksOf, HeadingNumbers, NoFollowLinks, numberingKey, textblocks, type BlankRange } from './plugins';
import type { BlankSpan, Snippet, Spot } from '../api/types';

export interface HeadingInfo {
  /** Index among the document's top-level headings (matches the core's section order). */
  ordinal: number;
  level: number;
  text: string;
  /** Document position of the heading node. */
  pos: number;
}

export interface EditorEvents {
  onChange?(): void;
  onSelection?(): void;
  onBlur?(): void;
  onFocus?(): void;
  onCompositionEnd?(): void;
  /**
   * Plain text pasted (no HTML on the clipboard, or HTML without any structure of its own):
   * return true to take it over (the screen asks the engine, then calls insertMarkdown or
   * pasteText), false to let the editor paste it as is.
   */
  onPlainPaste?(text: string): boolean;
}

export interface RecapEditorOptions extends EditorEvents {
  element?: HTMLElement;
  markdown: string;
  placeholder?: string;
  label?: string;
  editable?: boolean;
}

export class RecapEditor {
  readonly editor: Editor;
  private pending: (() => void)[] = [];
  private readonly events: EditorEvents;
  private settingContent = false;
  /** Set while the editor pastes text itself (the engine said it is no numbered document). */
  private pastingPlain = false;

  constructor(opts: RecapEditorOptions) {
    this.events = opts;
    this.editor = new Editor({
      element: opts.element ?? document.createElement('div'),
      injectCSS: false,
      editable: opts.editable ?? true,
      extensions: [
        ...schemaExtensions({ placeholder: opts.placeholder ?? '' }),
        HeadingNumbers,
        Blanks,
        NoFollowLinks,
        AppKeys,
      ],
      editorProps: {
        attributes: {
          class: 'recap-doc',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': opts.label ?? '',
          spellcheck: 'false',
        },
        transformPastedHTML: cleanPastedHtml,
        handlePaste: (view, event) => {
          const data = event.clipboardData;
          if (view.composing || !data || this.pastingPlain) return false;
          if (data.types.includes('text/html') && !isFlatHtml(data.getData('text/html'))) return false;
          const text = data.getData('text/plain');
          if (!text || !this.events.onPlainPaste?.(text)) return false;
          event.preventDefault();
          return true;
        },
        handleDOMEvents: {
          compositionend: () => {
            // ProseMirror finishes the composition after this event; run what waited just after.
            setTimeout(() => this.drain(), 0);
            this.events.onCompositionEnd?.();
            return false;
          },
        },
      },
      onUpdate: ({ transaction }) => {
        if (!this.settingContent && transaction.docChanged) this.events.onChange?.();
      },
      onSelectionUpdate: () => this.events.onSelection?.(),
      onBlur: () => this.events.onBlur?.(),
      onFocus: () => this.events.onFocus?.(),
    });
    keepHtmlAsText(this.editor);
    this.replace(opts.markdown);
  }

  get composing(): boolean {
    return Boolean(this.editor.view.composing);
  }

  /** Runs `fn` now, or after the current IME composition ends. */
  whenIdle(fn: () => void): void {
    if (this.composing) this.pending.push(fn);
    else fn();
  }

  private drain(): void {
    if (this.composing) return;
    const fns = this.pending;
    this.pending = [];
    fns.forEach((f) => f());
  }

  private replace(markdown: string): void {
    this.settingContent = true;
    try {
      this.editor.commands.setContent(markdown, { contentType: 'markdown', emitUpdate: false });
    } finally {
      this.settingContent = false;
    }
  }

  /** Replaces the whole text (load, revert, cancel of an empty save). Never mid-composition. */
  setMarkdown(markdown: string): void {
    this.whenIdle(() => this.replace(markdown));
  }

  getMarkdown(): string {
    return tidyMarkdown(this.editor.getMarkdown());
  }

  /** Heading numbers from the core's analysis, in heading order. */
  setNumbers(numbers: (string | null)[]): void {
    this.whenIdle(() => {
      const cur = numberingKey.getState(this.editor.state)?.numbers ?? [];
      if (cur.length === numbers.length && cur.every((n, i) => n === numbers[i])) return;
      this.editor.view.dispatch(this.editor.state.tr.setMeta(numberingKey, numbers).setMeta('addToHistory', false));
    });
  }

  numbers(): (string | null)[] {
    return numberingKey.getState(this.editor.state)?.numbers ?? [];
  }

  headings(): HeadingInfo[] {
    const out: HeadingInfo[] = [];
    this.editor.state.doc.forEach((node, offset) => {
      if (node.type.name === 'heading') {
        out.push({ ordinal: out.length, level: Number(node.attrs['level'] ?? 1), text: node.textContent, pos: offset });
      }
    });
    return out;
  }

  /** Ordinal of the heading whose section holds the cursor, or -1 before the first heading. */
  currentHeading(): number {
    const { doc, selection } = this.editor.state;
    const index = selection.$from.index(0);
    let ordinal = -1;
    let seen = -1;
    doc.forEach((node, _offset, i) => {
      if (node.type.name !== 'heading') return;
      seen += 1;
      if (i <= index) ordinal = seen;
    });
    return ordinal;
  }

  jumpToHeading(ordinal: number): void {
    const h = this.headings()[ordinal];
    if (!h) return;
    const { state, view } = this.editor;
    const pos = Math.min(h.pos + 1 + h.text.length, state.doc.content.size);
    view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, pos)).scrollIntoView());
    view.focus();
    const dom = view.nodeDOM(h.pos);
    if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }

  /** The text of every paragraph, heading and cell, in order: what the engine finds blanks in. */
  lines(): string[] {
    return textblocks(this.editor.state.doc).texts;
  }

  /** The document as it is now (an analysis answers for the one it was asked about). */
  get doc(): PMNode {
    return this.editor.state.doc;
  }

  /** The engine's blanks for `asked` (the document when `lines()` was read). An answer for a
   *  document that has changed since is dropped: the next analysis brings a fresh one, and
   *  meanwhile the marks follow the text. */
  setBlanks(asked: PMNode, spans: readonly (readonly BlankSpan[])[]): void {
    this.whenIdle(() => {
      if (this.editor.state.doc !== asked) return;
      const ranges = blankRanges(asked, spans);
      this.editor.view.dispatch(this.editor.state.tr.setMeta(blankKey, ranges).setMeta('addToHistory', false));
    });
  }

  /** Blanks left in the section of heading `ordinal` (or the whole text for -1). */
  blanksIn(ordinal: number): BlankRange[] {
    const all = blanksOf(this.editor.state);
    if (ordinal < 0) return all;
    const hs = this.headings();
    const h = hs[ordinal];
    if (!h) return [];
    const next = hs.slice(ordinal + 1).find((x) => x.level <= h.level);
    const end = next ? next.pos : this.editor.state.doc.content.size;
    return all.filter(([s]) => s > h.pos && s < end);
  }

  /** Selects the next blank after the cursor (wrapping), so typing replaces it. */
  selectNextBlank(within?: BlankRange[]): boolean {
    const all = within ?? blanksOf(this.editor.state);
    if (!all.length) return false;
    const at = this.editor.state.selection.to;
    const next = all.find(([s]) => s >= at) ?? all[0];
    if (!next) return false;
    const { state, view } = this.editor;
    view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, next[0], next[1])).scrollIntoView());
    view.focus();
    return true;
  }

  /** Whether the textblock at `pos` (its start) holds nothing but one 【…】 prompt. */
  private wholePrompt(start: number, node: PMNode): boolean {
    const text = node.textContent;
    const lead = text.length - text.trimStart().length;
    const tail = text.length - text.trimEnd().length;
    return blanksOf(this.editor.state).some(
      ([s, e, kind]) => kind === 'bracket' && s <= start + lead && e >= start + text.length - tail && text.trim() !== '',
    );
  }

  /**
   * Inserts a snippet as a paragraph: in place of the paragraph under the cursor when that is
   * empty or is still the template's prompt, otherwise after the cursor's block. Its blanks
   * (as the engine found them in the snippet) are marked at once and the first is selected.
   */
  insertSnippet(snippet: Snippet): void {
    this.whenIdle(() => {
      const { text } = snippet;
      const { state } = this.editor;
      const { $from } = state.selection;
      const para = { type: 'paragraph', content: text ? [{ type: 'text', text }] : [] };
      let insertAt: number;
      const depth = $from.depth;
      const parent = $from.parent;
      const chain = this.editor.chain().focus();
      if (depth >= 1 && parent.type.name === 'paragraph' && (parent.textContent.trim() === '' || this.wholePrompt($from.start(depth), parent))) {
        const from = $from.before(depth);
        const to = $from.after(depth);
        chain.insertContentAt({ from, to }, para).run();
        insertAt = from;
      } else {
        const top = depth >= 1 ? $from.after(1) : state.selection.to;
        chain.insertContentAt(top, para).run();
        insertAt = top;
      }
      const textStart = insertAt + 1;
      const own: BlankRange[] = snippet.blanks.map((b) => [textStart + b.start, textStart + b.end, b.kind]);
      const kept = blanksOf(this.editor.state).filter(([s]) => s < insertAt || s > textStart + text.length);
      const st = this.editor.state;
      const tr = st.tr.setMeta(blankKey, [...kept, ...own].sort((a, b) => a[0] - b[0])).setMeta('addToHistory', false);
      const first = own[0];
      const sel = first
        ? TextSelection.create(st.doc, first[0], first[1])
        : TextSelection.create(st.doc, Math.min(textStart + text.length, st.doc.content.size));
      this.editor.view.dispatch(tr.setSelection(sel).scrollIntoView());
    });
  }

  /** Pastes plain text as the editor does by itself (a paragraph per line). */
  pasteText(text: string): void {
    this.whenIdle(() => {
      this.pastingPlain = true;
      try {
        this.editor.view.pasteText(text);
      } finally {
        this.pastingPlain = false;
      }
    });
  }

  /** Inserts Markdown at the cursor (replacing the selection). Never mid-composition. */
  insertMarkdown(markdown: string): void {
    this.whenIdle(() => {
      this.editor.chain().focus().insertContent(markdown, { contentType: 'markdown' }).run();
      this.editor.commands.scrollIntoView();
    });
  }

  /**
   * Goes to a place the engine named (a 体检 finding's spot): in top-level block `block`, the
   * `nth` appearance of `text` (the last one when there are fewer) is selected; with no text,
   * or when it is not there, the cursor goes to the end of the block's first line (a heading:
   * where Enter starts the section's text). Returns false when the block is gone.
   */
  jumpToSpot(spot: Spot): boolean {
    const { state, view } = this.editor;
    if (spot.block < 0 || spot.block >= state.doc.childCount) return false;
    let at = 0;
    state.doc.forEach((_n, offset, i) => {
      if (i === spot.block) at = offset;
    });
    const top = state.doc.child(spot.block);
    const hits: [number, number][] = [];
    let firstEnd: number | null = null;
    top.descendants((node, pos) => {
      if (!node.isTextblock) return true;
      const start = at + 1 + pos + 1;
      firstEnd ??= start + node.content.size;
      if (spot.text) {
        const text = node.textBetween(0, node.content.size, undefined, '\ufffc');
        for (let i = text.indexOf(spot.text); i >= 0; i = text.indexOf(spot.text, i + spot.text.length)) {
          hits.push([start + i, start + i + spot.text.length]);
        }
      }
      return false;
    });
    if (top.isTextblock) {
      firstEnd = at + 1 + top.content.size;
      if (spot.text) {
        const text = top.textBetween(0, top.content.size, undefined, '\ufffc');
        for (let i = text.indexOf(spot.text); i >= 0; i = text.indexOf(spot.text, i + spot.text.length)) {
          hits.push([at + 1 + i, at + 1 + i + spot.text.length]);
        }
      }
    }
    const hit = hits[Math.min(spot.nth, hits.length - 1)];
    // A finding about a whole heading or section puts the cursor at its end, never selects
    // it: selected, the heading would be replaced by the first key pressed.
    const wholeHeading = top.type.name === 'heading' && (!spot.text || spot.text.trim() === top.textContent.trim());
    const end = firstEnd ?? at + 1;
    const range: [number, number] = hit && !wholeHeading ? hit : [end, end];
    view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, range[0], range[1])).scrollIntoView());
    view.focus();
    const dom = view.domAtPos(range[0]).node;
    const el = dom instanceof HTMLElement ? dom : dom.parentElement;
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    return true;
  }

  /** Index of the top-level block holding the cursor. */
  topIndex(): number {
    return this.editor.state.selection.$from.index(0);
  }

  /** The table holding the cursor, with its position, or null. */
  tableAtCursor(): { pos: number; node: PMNode } | null {
    const { $from } = this.editor.state.selection;
    for (let d = $from.depth; d > 0; d -= 1) {
      const node = $from.node(d);
      if (node.type.name === 'table') return { pos: $from.before(d), node };
    }
    return null;
  }

  /** The table under the cursor as Markdown. */
  tableMarkdown(): string | null {
    const t = this.tableAtCursor();
    if (!t) return null;
    return this.editor.markdown?.serialize({ type: 'doc', content: [t.node.toJSON() as JSONContent] }) ?? null;
  }

  /** Replaces the table under the cursor by the table written in `markdown`. */
  replaceTable(markdown: string): void {
    this.whenIdle(() => {
      const t = this.tableAtCursor();
      if (!t) return;
      this.editor
        .chain()
        .focus()
        .insertContentAt({ from: t.pos, to: t.pos + t.node.nodeSize }, markdown, { contentType: 'markdown' })
        .run();
    });
  }

  focus(): void {
    this.editor.commands.focus();
  }

  destroy(): void {
    this.pending = [];
    this.editor.destroy();
  }
}
