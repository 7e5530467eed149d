// Small pure helpers around the 体检 findings, the structured paste and the results table.
// The rules themselves are recap-core's; nothing here decides what is a problem.
import type { Finding, Severity } from './api/types';
import { splitFrontMatter } from './frontmatter';

const NUMBERED_HEADING =
  /^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[）)]|第[一二三四五六七八九十百\d]+[章节節部分篇]|(?:篇|模块|模塊)[一二三四五六七八九十]+)/;

/** Plain text that reads like a numbered Chinese document: at least two 一、 / （一） / 第一章 lines. */
export function looksLikeNumberedText(text: string): boolean {
  let n = 0;
  for (const line of text.split(/\r?\n/)) {
    if (NUMBERED_HEADING.test(line) && line.trim().length <= 60) n += 1;
    if (n >= 2) return true;
  }
  return false;
}

/** The Markdown of an import without its front matter (for inserting at the cursor). */
export function withoutFrontMatter(markdown: string): string {
  return splitFrontMatter(markdown).content.replace(/^\s+/, '');
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Findings by severity (error, warning, info), each group in line order; empty groups left out. */
export function groupFindings(findings: readonly Finding[]): { severity: Severity; items: Finding[] }[] {
  return SEVERITIES.map((severity) => ({
    severity,
    items: findings.filter((f) => f.severity === severity).sort((a, b) => a.line - b.line),
  })).filter((g) => g.items.length > 0);
}

/** Where a finding points in the editor: the text to look for and which occurrence of it. */
export interface FindingTarget {
  /** Text to find in the document (the excerpt, else the line without Markdown marks). */
  needle: string;
  /** 0-based: how many earlier occurrences of `needle` the body has before the finding's line. */
  occurrence: number;
  /** The nearest heading at or above the line, without its marks (the fallback). */
  heading: string | null;
}

function plainLine(line: string): string {
  return line
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)/, '')
    .replace(/[*_`~]|\\(?=\S)/g, '')
    .replace(/^\|\s*|\s*\|$/g, '')
    .trim();
}

function count(hay: string, needle: string): number {
  if (!needle) return 0;
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n += 1;
  return n;
}

/**
 * Maps a finding (its `line` is 1-based in the whole text, front matter included) to a
 * target in the editor, which shows only the body after the front matter.
 */
export function findingTarget(body: string, f: Finding): FindingTarget {
  const all = body.split('\n');
  const frontLines = splitFrontMatter(body).front.split('\n').length - 1;
  const idx = Math.min(Math.max(f.line - 1, frontLines), all.length - 1);
  const line = all[idx] ?? '';
  const excerpt = f.excerpt.replace(/^[…\s]+|[…\s]+$/g, '');
  const needle = excerpt && line.includes(excerpt) ? excerpt : plainLine(line) || excerpt;
  let occurrence = 0;
  for (let i = frontLines; i < idx; i += 1) occurrence += count(plainLine(all[i] ?? ''), needle);
  let heading: string | null = null;
  for (let i = idx; i >= frontLines; i -= 1) {
    const h = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/.exec(all[i] ?? '');
    if (h) {
      heading = plainLine(h[0]);
      break;
    }
  }
  return { needle, occurrence, heading };
}

/** A results table's header row: it has a 完成率 / Completion column. */
export function isResultsHeader(cells: readonly string[]): boolean {
  return cells.some((c) => /完成率|completion/i.test(c.trim()));
}
