// The Recap editor: TipTap over the document schema, plus the Recap plugins, wrapped in a
// small API the Svelte screen uses. Content is replaced only when no IME composition is in
// progress: a replace requested mid-composition waits for compositionend.
import { Editor, type JSONContent } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';
import { schemaExtensions } from './extensions';
import { keepHtmlAsText, tidyMarkdown } from './markdown';
import { cleanPastedHtml, isFlatHtml } from './paste';
import { AppKeys, HeadingNumbers, NoFollowLinks, numberingKey, Placeholders, placeholdersOf } from './plugins';
import { isWholePrompt } from '../placeholders';

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
   * return true to take it over (the screen then converts it and calls insertMarkdown),
   * false to let the editor paste it as is.
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

  constructor(opts: RecapEditorOptions) {
    this.events = opts;
    this.editor = new Editor({
      element: opts.element ?? document.createElement('div'),
      injectCSS: false,
      editable: opts.editable ?? true,
      extensions: [
        ...schemaExtensions({ placeholder: opts.placeholder ?? '' }),
        HeadingNumbers,
        Placeholders,
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
          if (view.composing || !data) return false;
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

  /** Placeholders left in the section of heading `ordinal` (or the whole text for -1). */
  placeholdersIn(ordinal: number): [number, number][] {
    const all = placeholdersOf(this.editor.state);
    if (ordinal < 0) return all;
    const hs = this.headings();
    const h = hs[ordinal];
    if (!h) return [];
    const next = hs.slice(ordinal + 1).find((x) => x.level <= h.level);
    const end = next ? next.pos : this.editor.state.doc.content.size;
    return all.filter(([s]) => s > h.pos && s < end);
  }

  /** Selects the next placeholder after the cursor (wrapping), so typing replaces it. */
  selectNextPlaceholder(within?: [number, number][]): boolean {
    const all = within ?? placeholdersOf(this.editor.state);
    if (!all.length) return false;
    const at = this.editor.state.selection.to;
    const next = all.find(([s]) => s >= at) ?? all[0];
    if (!next) return false;
    const { state, view } = this.editor;
    view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, next[0], next[1])).scrollIntoView());
    view.focus();
    return true;
  }

  /**
   * Inserts a snippet as a paragraph: in place of the paragraph under the cursor when that is
   * empty or is still the template's prompt, otherwise after the cursor's block. The first
   * placeholder of the snippet is then selected.
   */
  insertSnippet(text: string): void {
    this.whenIdle(() => {
      const { state } = this.editor;
      const { $from } = state.selection;
      const para = { type: 'paragraph', content: text ? [{ type: 'text', text }] : [] };
      let insertAt: number;
      const depth = $from.depth;
      const parent = $from.parent;
      const chain = this.editor.chain().focus();
      if (depth >= 1 && parent.type.name === 'paragraph' && (parent.textContent.trim() === '' || isWholePrompt(parent.textContent))) {
        const from = $from.before(depth);
        const to = $from.after(depth);
        chain.insertContentAt({ from, to }, para).run();
        insertAt = from;
      } else {
        const top = depth >= 1 ? $from.after(1) : state.selection.to;
        chain.insertContentAt(top, para).run();
        insertAt = top;
      }
      const end = insertAt + text.length + 2;
      const inSnippet = placeholdersOf(this.editor.state).filter(([s]) => s >= insertAt && s <= end);
      const first = inSnippet[0];
      const st = this.editor.state;
      if (first) {
        this.editor.view.dispatch(st.tr.setSelection(TextSelection.create(st.doc, first[0], first[1])).scrollIntoView());
      } else {
        this.editor.view.dispatch(st.tr.setSelection(TextSelection.create(st.doc, Math.min(end - 1, st.doc.content.size))).scrollIntoView());
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
   * Selects the `occurrence`-th appearance of `needle` in the text (0-based; the last one
   * when there are fewer), else puts the cursor at the end of the heading titled `heading`.
   * Returns false when neither is found.
   */
  jumpToText(needle: string, occurrence: number, heading: string | null): boolean {
    const { state, view } = this.editor;
    const hits: [number, number][] = [];
    if (needle) {
      state.doc.descendants((node, pos) => {
        if (!node.isTextblock) return true;
        const text = node.textBetween(0, node.content.size, undefined, '\ufffc');
        // A finding about a whole section points at its heading: the cursor goes to the end of
        // the heading, where Enter starts the section's text. Selected, the heading would be
        // replaced by the first key pressed.
        const wholeHeading = node.type.name === 'heading' && text.trim() === needle.trim();
        for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) {
          const end = pos + 1 + i + needle.length;
          hits.push(wholeHeading ? [pos + 1 + node.content.size, pos + 1 + node.content.size] : [pos + 1 + i, end]);
        }
        return false;
      });
    }
    const hit = hits[Math.min(occurrence, hits.length - 1)];
    let range: [number, number] | null = hit ?? null;
    if (!range && heading) {
      const h = this.headings().find((x) => x.text.trim() === heading.trim());
      if (h) range = [h.pos + 1 + h.text.length, h.pos + 1 + h.text.length];
    }
    if (!range) return false;
    view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, range[0], range[1])).scrollIntoView());
    view.focus();
    const at = view.domAtPos(range[0]).node;
    const el = at instanceof HTMLElement ? at : at.parentElement;
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    return true;
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

  /** The header cells' text of the table under the cursor (empty when not in a table). */
  tableHeader(): string[] {
    const row = this.tableAtCursor()?.node.firstChild;
    const cells: string[] = [];
    row?.forEach((c) => cells.push(c.textContent));
    return cells;
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
