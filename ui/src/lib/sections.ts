// Which template section a document heading is: matched by title (typed numbering stripped),
// the k-th heading of a title to the k-th template section of that title, so templates that
// repeat a structure per module (周期目标, 核心举措… once per module) line up.
import type { SectionView } from './api/types';

export interface DocHeading {
  title: string;
  level: number;
}

const norm = (s: string): string => s.replace(/\s+/g, '').toLowerCase();

/** For each document heading, the index of its template section, or null. */
export function alignSections(doc: readonly DocHeading[], tpl: readonly SectionView[]): (number | null)[] {
  const seen = new Map<string, number>();
  return doc.map((h) => {
    if (h.level < 2) return null;
    const key = norm(h.title);
    if (!key) return null;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    const matches = tpl.map((s, i) => (norm(s.title) === key ? i : -1)).filter((i) => i >= 0);
    if (!matches.length) return null;
    return matches[Math.min(k, matches.length - 1)] ?? null;
  });
}

/** The template section for the heading `ordinal`, looking up to the enclosing headings when
 *  the heading itself is the user's own. Returns [heading ordinal, template index] or null. */
export function sectionFor(
  ordinal: number,
  doc: readonly DocHeading[],
  aligned: readonly (number | null)[],
): [number, number] | null {
  let level = Infinity;
  for (let i = ordinal; i >= 0; i -= 1) {
    const h = doc[i];
    if (!h || h.level >= level) continue;
    const a = aligned[i];
    if (a !== null && a !== undefined) return [i, a];
    level = h.level;
  }
  return null;
}
