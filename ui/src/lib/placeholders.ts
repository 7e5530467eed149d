// Placeholders are written 【…】 in every template language. A placeholder is "filled" when the
// user replaced it; until then the editor and the snippet cards highlight it.

export type Range = [start: number, end: number];

const PLACEHOLDER = /【[^【】\n]{0,200}】/g;

/** [start, end) UTF-16 offsets of every 【…】 in `text`. */
export function findPlaceholders(text: string): Range[] {
  const out: Range[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

export function hasPlaceholder(text: string): boolean {
  return findPlaceholders(text).length > 0;
}

export interface Segment {
  text: string;
  mark: boolean;
}

/** `text` cut into plain and marked pieces, for rendering without HTML. */
export function segments(text: string, ranges: readonly Range[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const [s, e] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const start = Math.max(s, at);
    if (e <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: text.slice(start, e), mark: true });
    at = e;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

/** Character (code point) ranges, as the core's search highlights are, to UTF-16 ranges. */
export function charRangesToUtf16(text: string, ranges: readonly Range[]): Range[] {
  const cps = Array.from(text);
  const offsets: number[] = [0];
  for (const c of cps) offsets.push((offsets[offsets.length - 1] ?? 0) + c.length);
  const at = (i: number): number => offsets[Math.max(0, Math.min(i, cps.length))] ?? text.length;
  return ranges.map(([s, e]) => [at(s), at(e)] as Range);
}

/** Whether a paragraph is nothing but a template prompt (one 【…】 spanning all of it). */
export function isWholePrompt(text: string): boolean {
  const t = text.trim();
  const r = findPlaceholders(t);
  return r.length === 1 && r[0]?.[0] === 0 && r[0]?.[1] === t.length;
}
