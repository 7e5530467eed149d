// Text cut into plain and marked pieces, for showing the ranges the engine found (a search's
// matches, a snippet's blanks) without HTML.

export type Range = readonly [start: number, end: number];

export interface Segment {
  text: string;
  mark: boolean;
}

/** `text` cut at `ranges` ([start, end) UTF-16 offsets, as the engine gives them). */
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
