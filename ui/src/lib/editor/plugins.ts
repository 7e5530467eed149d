// ProseMirror plugins of the Recap editor:
//  - heading numbers (一、（一）1.) shown as decorations from the core's analysis — a
//    data-number attribute read by CSS ::before, never part of the text;
//  - 【…】 placeholders highlighted until filled; a click on one selects it whole;
//  - links never followed on click.
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { findPlaceholders } from '../placeholders';

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

// ── placeholders ────────────────────────────────────────────────────────────────────────────
export interface PlaceholderState {
  ranges: [number, number][];
  deco: DecorationSet;
}
export const placeholderKey = new PluginKey<PlaceholderState>('recap-placeholders');

/** Document positions of every 【…】 in `doc`. */
export function placeholderRanges(doc: PMNode): [number, number][] {
  const out: [number, number][] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    if (node.type.name === 'codeBlock') return false;
    const text = node.textBetween(0, node.content.size, undefined, '\ufffc');
    for (const [s, e] of findPlaceholders(text)) out.push([pos + 1 + s, pos + 1 + e]);
    return false;
  });
  return out;
}

function placeholderState(doc: PMNode): PlaceholderState {
  const ranges = placeholderRanges(doc);
  return {
    ranges,
    deco: DecorationSet.create(
      doc,
      ranges.map(([s, e]) => Decoration.inline(s, e, { class: 'ph', 'data-ph': '' })),
    ),
  };
}

export function placeholdersOf(state: EditorState): [number, number][] {
  return placeholderKey.getState(state)?.ranges ?? [];
}

export const Placeholders = Extension.create({
  name: 'recapPlaceholders',
  addProseMirrorPlugins() {
    return [
      new Plugin<PlaceholderState>({
        key: placeholderKey,
        state: {
          init: (_config, state) => placeholderState(state.doc),
          apply: (tr, prev, _old, next) => (tr.docChanged ? placeholderState(next.doc) : prev),
        },
        props: {
          decorations: (state) => placeholderKey.getState(state)?.deco ?? DecorationSet.empty,
          handleClick(view, pos, event) {
            if (event.shiftKey || event.button !== 0) return false;
            // A click in the blank part of a line that ends with a placeholder (a prompt on its
            // own line, clicked to its right) lands just after it: that selects it too.
            const $pos = view.state.doc.resolve(pos);
            const lineEnd = $pos.parent.isTextblock ? $pos.end() : -1;
            const r = placeholdersOf(view.state).find(([s, e]) => (pos >= s && pos < e) || (pos === e && e === lineEnd));
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
    const stop = (_view: unknown, event: Event): boolean => {
      const target = event.target as Element | null;
      const link = target && typeof target.closest === 'function' ? target.closest('a') : null;
      if (link) {
        event.preventDefault();
        const mouse = event as MouseEvent;
        const href = link.getAttribute('href');
        if (event.type === 'click' && (mouse.ctrlKey || mouse.metaKey) && href) {
          window.dispatchEvent(new CustomEvent('recap-open-link', { detail: href }));
        }
      }
      return false;
    };
    return [
      new Plugin({
        key: new PluginKey('recap-no-follow-links'),
        props: { handleDOMEvents: { click: stop, auxclick: stop } },
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
