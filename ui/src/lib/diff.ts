// A readable diff between two versions of a document: by line, with the changed characters
// marked inside a changed line, and long unchanged stretches folded.
import { diffChars, diffLines } from 'diff';

/** Part of a changed line; `changed` marks the characters that differ inside a line that is
 *  otherwise alike (a wholly new or removed line has no marks: the row says it all). */
export interface Piece {
  text: string;
  changed: boolean;
}

export type Row =
  | { kind: 'same'; text: string }
  | { kind: 'del'; pieces: Piece[] }
  | { kind: 'add'; pieces: Piece[] }
  | { kind: 'fold'; count: number };

export interface DiffSummary {
  rows: Row[];
  added: number;
  removed: number;
}

function lines(s: string): string[] {
  const l = s.replace(/\r\n/g, '\n').split('\n');
  if (l.length && l[l.length - 1] === '') l.pop();
  return l;
}

/** Character-level marks inside a changed line, when the two lines are alike enough for the
 *  marks to help; two unrelated lines are shown whole, not as confetti. */
function pieces(a: string, b: string): { del: Piece[]; add: Piece[] } {
  const del: Piece[] = [];
  const add: Piece[] = [];
  const parts = diffChars(a, b);
  const kept = parts.filter((c) => !c.added && !c.removed).reduce((n, c) => n + c.value.length, 0);
  if (kept < 0.5 * Math.max(a.length, b.length)) {
    return { del: [{ text: a, changed: false }], add: [{ text: b, changed: false }] };
  }
  for (const c of parts) {
    if (c.added) add.push({ text: c.value, changed: true });
    else if (c.removed) del.push({ text: c.value, changed: true });
    else {
      del.push({ text: c.value, changed: false });
      add.push({ text: c.value, changed: false });
    }
  }
  return { del, add };
}

/** Rows from `before` to `after`, keeping `context` unchanged lines around each change. */
export function diffDocuments(before: string, after: string, context = 2): DiffSummary {
  const raw: Row[] = [];
  let added = 0;
  let removed = 0;
  const parts = diffLines(before.replace(/\r\n/g, '\n'), after.replace(/\r\n/g, '\n'));
  for (let i = 0; i < parts.length; i += 1) {
    const p = parts[i];
    if (!p) continue;
    const next = parts[i + 1];
    if (p.removed && next?.added) {
      const a = lines(p.value);
      const b = lines(next.value);
      removed += a.length;
      added += b.length;
      const n = Math.max(a.length, b.length);
      const dels: Row[] = [];
      const adds: Row[] = [];
      for (let k = 0; k < n; k += 1) {
        const x = a[k];
        const y = b[k];
        if (x !== undefined && y !== undefined) {
          const pc = pieces(x, y);
          dels.push({ kind: 'del', pieces: pc.del });
          adds.push({ kind: 'add', pieces: pc.add });
        } else if (x !== undefined) {
          dels.push({ kind: 'del', pieces: [{ text: x, changed: false }] });
        } else if (y !== undefined) {
          adds.push({ kind: 'add', pieces: [{ text: y, changed: false }] });
        }
      }
      raw.push(...dels, ...adds);
      i += 1;
    } else if (p.removed) {
      const a = lines(p.value);
      removed += a.length;
      a.forEach((x) => raw.push({ kind: 'del', pieces: [{ text: x, changed: false }] }));
    } else if (p.added) {
      const b = lines(p.value);
      added += b.length;
      b.forEach((y) => raw.push({ kind: 'add', pieces: [{ text: y, changed: false }] }));
    } else {
      lines(p.value).forEach((x) => raw.push({ kind: 'same', text: x }));
    }
  }
  // Fold unchanged stretches far from any change.
  const near = raw.map(() => false);
  raw.forEach((r, i) => {
    if (r.kind !== 'same') for (let k = Math.max(0, i - context); k <= Math.min(raw.length - 1, i + context); k += 1) near[k] = true;
  });
  const rows: Row[] = [];
  let folded = 0;
  raw.forEach((r, i) => {
    if (r.kind === 'same' && !near[i]) {
      folded += 1;
      return;
    }
    if (folded) rows.push({ kind: 'fold', count: folded });
    folded = 0;
    rows.push(r);
  });
  if (folded) rows.push({ kind: 'fold', count: folded });
  return { rows, added, removed };
}
