// The period picker's model: a choice (year / half / quarter / month / week / custom) and the
// period string the core reads (2026, 2026-H1, 2026-Q3, 2026-03, 2026-W47,
// "2026-01-01 至 2026-12-31"). The core owns the meaning of a period; `periodRange` mirrors
// its parser only to show the user the dates they picked (and for the in-memory test double).

import type { Kind, Lang } from './api/types';

export type PeriodUnit = 'year' | 'half' | 'quarter' | 'month' | 'week' | 'custom';
export const PERIOD_UNITS: readonly PeriodUnit[] = ['year', 'half', 'quarter', 'month', 'week', 'custom'];

export interface PeriodChoice {
  unit: PeriodUnit;
  year: number;
  /** 1–2 for a half, 1–4 for a quarter, 1–12 for a month, 1–53 for an ISO week. */
  part: number;
  /** YYYY-MM-DD, for `custom`. */
  start: string;
  end: string;
}

export interface DateRange {
  start: string;
  end: string;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function isoDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function utc(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

function parseIso(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = utc(y, mo, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
    ? date
    : null;
}

function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * 86_400_000);
}

/** Monday of ISO week `w` of ISO year `y`. */
export function isoWeekStart(y: number, w: number): Date {
  const jan4 = utc(y, 1, 4);
  const dow = (jan4.getUTCDay() + 6) % 7; // Monday = 0
  return addDays(jan4, (w - 1) * 7 - dow);
}

/** Number of ISO weeks in year `y` (52 or 53). */
export function isoWeeksInYear(y: number): number {
  const dec28 = utc(y, 12, 28);
  return isoWeekOf(dec28).week;
}

/** ISO year and week of a date. */
export function isoWeekOf(d: Date): { year: number; week: number } {
  const t = utc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  const dow = (t.getUTCDay() + 6) % 7;
  const thursday = addDays(t, 3 - dow);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - utc(year, 1, 1).getTime()) / 86_400_000 / 7) + 1;
  return { year, week };
}

/** The largest `part` a unit allows in `year`. */
export function maxPart(unit: PeriodUnit, year: number): number {
  switch (unit) {
    case 'half':
      return 2;
    case 'quarter':
      return 4;
    case 'month':
      return 12;
    case 'week':
      return isoWeeksInYear(year);
    default:
      return 1;
  }
}

export type PeriodProblem = 'year' | 'part' | 'start' | 'end' | 'order';

/** What is wrong with a choice, or null when it makes a valid period. */
export function periodProblem(c: PeriodChoice): PeriodProblem | null {
  if (c.unit === 'custom') {
    const s = parseIso(c.start);
    const e = parseIso(c.end);
    if (!s) return 'start';
    if (!e) return 'end';
    return e < s ? 'order' : null;
  }
  if (!Number.isInteger(c.year) || c.year < 1900 || c.year > 2999) return 'year';
  if (c.unit === 'year') return null;
  return Number.isInteger(c.part) && c.part >= 1 && c.part <= maxPart(c.unit, c.year) ? null : 'part';
}

/** The period string for the core, or null when the choice is not valid. */
export function buildPeriod(c: PeriodChoice): string | null {
  if (periodProblem(c)) return null;
  switch (c.unit) {
    case 'year':
      return String(c.year);
    case 'half':
      return `${c.year}-H${c.part}`;
    case 'quarter':
      return `${c.year}-Q${c.part}`;
    case 'month':
      return `${c.year}-${pad2(c.part)}`;
    case 'week':
      return `${c.year}-W${pad2(c.part)}`;
    case 'custom':
      return `${c.start.trim()} 至 ${c.end.trim()}`;
  }
}

function months(y: number, first: number, count: number): DateRange {
  const start = utc(y, first, 1);
  const end = addDays(utc(y, first + count, 1), -1);
  return { start: isoDate(start), end: isoDate(end) };
}

/** First and last day of a period string (the forms `buildPeriod` writes, and the range form
 *  the core stores), or null. */
export function periodRange(s: string): DateRange | null {
  const t = s.trim();
  for (const sep of [' 至 ', '至', ' 到 ', '到', '..', ' ~ ', '~', '～']) {
    const i = t.indexOf(sep);
    if (i > 0) {
      const a = parseIso(t.slice(0, i));
      const b = parseIso(t.slice(i + sep.length));
      return a && b && b >= a ? { start: isoDate(a), end: isoDate(b) } : null;
    }
  }
  const single = parseIso(t);
  if (single) return { start: isoDate(single), end: isoDate(single) };
  const m = /^(\d{4})(?:-?([HQW]?)(\d{1,2}))?$/i.exec(t);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[3] === undefined) return months(y, 1, 12);
  const n = Number(m[3]);
  switch ((m[2] ?? '').toUpperCase()) {
    case 'H':
      return n >= 1 && n <= 2 ? months(y, 1 + (n - 1) * 6, 6) : null;
    case 'Q':
      return n >= 1 && n <= 4 ? months(y, 1 + (n - 1) * 3, 3) : null;
    case 'W': {
      if (n < 1 || n > isoWeeksInYear(y)) return null;
      const start = isoWeekStart(y, n);
      return { start: isoDate(start), end: isoDate(addDays(start, 6)) };
    }
    default:
      return n >= 1 && n <= 12 ? months(y, n, 1) : null;
  }
}

/** A sensible period for a new document of `kind`, written on `today`: the period being
 *  closed (an annual review in January is about last year). */
export function defaultChoice(kind: Kind, today: Date = new Date()): PeriodChoice {
  const y = today.getFullYear();
  const m = today.getMonth() + 1;
  const d = today.getDate();
  const base: PeriodChoice = { unit: 'year', year: y, part: 1, start: '', end: '' };
  const todayIso = `${y}-${pad2(m)}-${pad2(d)}`;
  switch (kind) {
    case 'annual':
    case 'duty-report':
      return { ...base, unit: 'year', year: m <= 2 ? y - 1 : y };
    case 'half-year': {
      if (m <= 1) return { ...base, unit: 'half', year: y - 1, part: 2 };
      return { ...base, unit: 'half', part: m <= 7 ? 1 : 2 };
    }
    case 'quarterly': {
      const q = Math.ceil(m / 3);
      const early = (m - 1) % 3 === 0 && d <= 15;
      if (early) return q === 1 ? { ...base, unit: 'quarter', year: y - 1, part: 4 } : { ...base, unit: 'quarter', part: q - 1 };
      return { ...base, unit: 'quarter', part: q };
    }
    case 'monthly': {
      if (d <= 7) return m === 1 ? { ...base, unit: 'month', year: y - 1, part: 12 } : { ...base, unit: 'month', part: m - 1 };
      return { ...base, unit: 'month', part: m };
    }
    case 'weekly': {
      const w = isoWeekOf(utc(y, m, d));
      return { ...base, unit: 'week', year: w.year, part: w.week };
    }
    default: {
      const start = new Date(Date.UTC(y, m - 1, d));
      start.setUTCMonth(start.getUTCMonth() - 3);
      return { ...base, unit: 'custom', start: isoDate(start), end: todayIso };
    }
  }
}

const CN_NUM = ['零', '一', '二', '三', '四'];

/** A short human name for a period string, in the UI language: 2026年第三季度, Q3 2026… Ranges
 *  that are exactly a year, half, quarter, month or ISO week get that name. */
export function describePeriod(s: string, lang: Lang): string {
  const r = periodRange(s);
  if (!r) return s.trim();
  const start = parseIso(r.start);
  const end = parseIso(r.end);
  if (!start || !end) return s.trim();
  const y = start.getUTCFullYear();
  const sm = start.getUTCMonth() + 1;
  const nextDay = addDays(end, 1);
  const wholeMonths =
    start.getUTCDate() === 1 && nextDay.getUTCDate() === 1
      ? (nextDay.getUTCFullYear() - y) * 12 + nextDay.getUTCMonth() + 1 - sm
      : 0;
  const zh = lang !== 'en';
  const hant = lang === 'zh-Hant';
  if (wholeMonths === 12 && sm === 1) return zh ? `${y}年` : String(y);
  if (wholeMonths === 6 && (sm === 1 || sm === 7)) {
    const h = sm === 1 ? 1 : 2;
    return zh ? `${y}年${h === 1 ? '上' : '下'}半年` : `H${h} ${y}`;
  }
  if (wholeMonths === 3 && (sm - 1) % 3 === 0) {
    const q = (sm - 1) / 3 + 1;
    return zh ? `${y}年第${CN_NUM[q]}季度` : `Q${q} ${y}`;
  }
  if (wholeMonths === 1) {
    return zh
      ? `${y}年${sm}月`
      : `${new Intl.DateTimeFormat('en', { month: 'short', timeZone: 'UTC' }).format(start)} ${y}`;
  }
  const days = Math.round((end.getTime() - start.getTime()) / 86_400_000);
  if (days === 6 && start.getUTCDay() === 1) {
    const w = isoWeekOf(start);
    return zh ? `${w.year}年第${w.week}${hant ? '週' : '周'}` : `Week ${w.week}, ${w.year}`;
  }
  return zh ? `${r.start} 至 ${r.end}` : `${r.start} – ${r.end}`;
}
