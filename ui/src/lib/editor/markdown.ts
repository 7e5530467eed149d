// Markdown in and out of the editor, aligned with the core's reading of Markdown:
//  - raw HTML in a document is text (as recap-core keeps it), never parsed into elements;
//  - empty paragraphs (written `&nbsp;` by the serializer) are not written out.
import type { Editor, JSONContent } from '@tiptap/core';

interface HtmlToken {
  text?: string;
  raw?: string;
  block?: boolean;
}
interface ManagerInternals {
  parseHTMLToken(token: HtmlToken): JSONContent | JSONContent[] | null;
  htmlAsLiteralText(html: string, isBlock: boolean): JSONContent | null;
}

/** Make the editor's Markdown reader keep raw HTML as literal text. */
export function keepHtmlAsText(editor: Editor): void {
  const m = editor.markdown as unknown as ManagerInternals | undefined;
  if (!m) throw new Error('the Markdown extension is missing');
  m.parseHTMLToken = (token: HtmlToken) => {
    const html = token.text ?? token.raw ?? '';
    if (!html.trim()) return null;
    return m.htmlAsLiteralText(html, Boolean(token.block));
  };
}

/** Tidy the serializer's output: no `&nbsp;` filler paragraphs, at most one blank line
 *  between blocks (fenced code is left exactly as it is). */
export function tidyMarkdown(md: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  let blank = 0;
  for (const line of md.split('\n')) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      out.push(line);
      if (f && f[1]?.[0] === fence[0] && (f[1]?.length ?? 0) >= fence.length) fence = null;
      continue;
    }
    if (f) fence = f[1] ?? null;
    if (!fence && /^\s*&nbsp;\s*$/.test(line)) continue;
    if (line.trim() === '') {
      blank += 1;
      if (blank > 1) continue;
    } else {
      blank = 0;
    }
    out.push(line);
  }
  while (out.length && out[0]?.trim() === '') out.shift();
  while (out.length && out[out.length - 1]?.trim() === '') out.pop();
  return out.join('\n') + (out.length ? '\n' : '');
}
