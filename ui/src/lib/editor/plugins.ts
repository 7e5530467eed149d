// ProseMirror plugins of the Recap editor:
//  - heading numbers (一、（一）1.) shown as decorations from the core's analysis — a
//    data-number attribute read by CSS ::before, never part of the text;
//  - blanks (【…】 placeholders, XX, ……) highlighted as the engine finds them; a click on one
//    selects it whole;
//  - links never followed on click.
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import type { BlankKind, BlankSpan } from '../api/types';
import { isSourceUrl, SOURCES_EVENT, type SourcesRequest } from './sources';

// ── heading numbers ─────────────────────────────────────────────────────────────────────────
export interface NumberingState {
  numbers: (string | null)[];
  deco: DecorationSet;
}
export const numberingKey = new PluginKey<NumberingState>('recap-numbering');

function numberDecorations(doc: PMNode, numbers: (string | null)[]): DecorationSet {
  const decos: Decoration[] = [];
  let i = 0;
  doc.forEach((node, offset) => {
    if (node.type.name !== 'heading') return;
    const n = numbers[i];
    i += 1;
    if (n) decos.push(Decoration.node(offset, offset + node.nodeSize, { 'data-number': n }));
  });
  return DecorationSet.create(doc, decos);
}

export const HeadingNumbers = Extension.create({
  name: 'recapHeadingNumbers',
  addProseMirrorPlugins() {
    return [
      new Plugin<NumberingState>({
        key: numberingKey,
        state: {
          init: () => ({ numbers: [], deco: DecorationSet.empty }),
          apply(tr, prev, _old, next) {
            const meta = tr.getMeta(numberingKey) as (string | null)[] | undefined;
            if (meta) return { numbers: meta, deco: numberDecorations(next.doc, meta) };
            if (tr.docChanged) return { numbers: prev.numbers, deco: numberDecorations(next.doc, prev.numbers) };
            return prev;
          },
        },
        props: {
          decorations: (state) => numberingKey.getState(state)?.deco ?? DecorationSet.empty,
        },
      }),
    ];
  },
});

// ── blanks (placeholders) ──────────────────────────────────────────────────────────────────
// Which spans are blanks to fill (【…】, XX, ……) is the engine's rule, the same one its check
// reports: the editor sends the text of every paragraph, heading and cell with each analysis
// and marks what comes back. Between two answers the marks move with the text they cover.
export type BlankRange = [from: number, to: number, kind: BlankKind];

export interface BlankState {
  ranges: BlankRange[];
  deco: DecorationSet;
}
export const blankKey = new PluginKey<BlankState>('recap-blanks');

/** The texts the engine is asked about, one per textblock in document order (a code block's
 *  is empty: code has no blanks), and where each starts. */
export function textblocks(doc: PMNode): { texts: string[]; starts: number[] } {
  const texts: string[] = [];
  const starts: number[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    // A leaf (a hard break) counts one character, as one position.
    texts.push(node.type.name === 'codeBlock' ? '' : node.textBetween(0, node.content.size, undefined, '\ufffc'));
    starts.push(pos + 1);
    return false;
  });
  return { texts, starts };
}

function blankState(doc: PMNode, ranges: BlankRange[]): BlankState {
  return {
    ranges,
    deco: DecorationSet.create(
      doc,
      ranges.map(([s, e, kind]) => Decoration.inline(s, e, { class: 'ph', 'data-ph': kind })),
    ),
  };
}

/** The engine's answer for `doc` (the document it was asked about) as document ranges. */
export function blankRanges(doc: PMNode, spans: readonly (readonly BlankSpan[])[]): BlankRange[] {
  const { starts } = textblocks(doc);
  const out: BlankRange[] = [];
  spans.forEach((list, i) => {
    const at = starts[i];
    if (at === undefined) return;
    for (const b of list) out.push([at + b.start, at + b.end, b.kind]);
  });
  return out;
}

export function blanksOf(state: EditorState): BlankRange[] {
  return blankKey.getState(state)?.ranges ?? [];
}

export const Blanks = Extension.create({
  name: 'recapBlanks',
  addProseMirrorPlugins() {
    return [
      new Plugin<BlankState>({
        key: blankKey,
        state: {
          init: () => ({ ranges: [], deco: DecorationSet.empty }),
          apply: (tr, prev, _old, next) => {
            const fresh = tr.getMeta(blankKey) as BlankRange[] | undefined;
            if (fresh) return blankState(next.doc, fresh);
            if (!tr.docChanged) return prev;
            const ranges: BlankRange[] = [];
            for (const [s, e, kind] of prev.ranges) {
              const a = tr.mapping.mapResult(s, 1);
              const b = tr.mapping.mapResult(e, -1);
              // A blank typed over is gone until the engine says otherwise.
              if (!a.deleted && !b.deleted && b.pos > a.pos) ranges.push([a.pos, b.pos, kind]);
            }
            return { ranges, deco: prev.deco.map(tr.mapping, tr.doc) };
          },
        },
        props: {
          decorations: (state) => blankKey.getState(state)?.deco ?? DecorationSet.empty,
          handleClick(view, pos, event) {
            if (event.shiftKey || event.button !== 0) return false;
            // A click in the blank part of a line that ends with a blank (a prompt on its own
            // line, clicked to its right) lands just after it: that selects it too.
            const $pos = view.state.doc.resolve(pos);
            const lineEnd = $pos.parent.isTextblock ? $pos.end() : -1;
            const r = blanksOf(view.state).find(([s, e]) => (pos >= s && pos < e) || (pos === e && e === lineEnd));
            if (!r) return false;
            view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, r[0], r[1])));
            return true;
          },
        },
      }),
    ];
  },
});

// ── links ───────────────────────────────────────────────────────────────────────────────────
export const NoFollowLinks = Extension.create({
  name: 'recapNoFollowLinks',
  addProseMirrorPlugins() {
    // A link never navigates the app's own page. Ctrl/⌘+click asks the shell to open it in
    // the system browser, which accepts only http(s) and mailto.
    const stop = (view: EditorView, event: Event): boolean => {
      const target = event.target as Element | null;
      const link = target && typeof target.closest === 'function' ? target.closest('a') : null;
      if (link) {
        event.preventDefault();
        const mouse = event as MouseEvent;
        const href = link.getAttribute('href');
        if (event.type === 'click' && href && isSourceUrl(href)) {
          // A source marker opens its sources in the app, never the system browser; the caret
          // goes into the marker, so that the keyboard finds it again (Alt+Enter).
          const at = view.posAtDOM(link, 0);
          view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, Math.min(at + 1, view.state.doc.content.size))));
          const r = link.getBoundingClientRect();
          const detail: SourcesRequest = { url: href, rect: { left: r.left, top: r.top, bottom: r.bottom } };
          window.dispatchEvent(new CustomEvent(SOURCES_EVENT, { detail }));
        } else if (event.type === 'click' && (mouse.ctrlKey || mouse.metaKey) && href) {
          window.dispatchEvent(new CustomEvent('recap-open-link', { detail: href }));
        }
      }
      return false;
    };
    return [
      new Plugin({
        key: new PluginKey('recap-no-follow-links'),
        props: {
          handleDOMEvents: { click: stop, auxclick: stop },
          // The keyboard's way to a marker's sources: Alt+Enter with the caret on it.
          handleKeyDown(view, event) {
            if (event.key !== 'Enter' || !event.altKey) return false;
            const { $from } = view.state.selection;
            // The caret may sit at either edge of the marker, where a link is not "active".
            const around = [...$from.marks(), ...($from.nodeBefore?.marks ?? []), ...($from.nodeAfter?.marks ?? [])];
            const mark = around.find((m) => m.type.name === 'link' && isSourceUrl(String(m.attrs['href'] ?? '')));
            if (!mark) return false;
            const c = view.coordsAtPos($from.pos);
            const detail: SourcesRequest = { url: String(mark.attrs['href']), rect: { left: c.left, top: c.top, bottom: c.bottom } };
            window.dispatchEvent(new CustomEvent(SOURCES_EVENT, { detail }));
            return true;
          },
        },
      }),
    ];
  },
});

// ── keys ────────────────────────────────────────────────────────────────────────────────────
/** Ctrl/⌘+E is Export and Ctrl/⌘+S is Save in Recap; the editor must not also toggle inline
 *  code or do anything else with them. The app's window handler acts on them. */
export const AppKeys = Extension.create({
  name: 'recapAppKeys',
  priority: 1000,
  addKeyboardShortcuts() {
    return {
      'Mod-e': () => true,
      'Mod-s': () => true,
    };
  },
});
