// Numbers, sizes and times for people, in the UI language.
import type { Lang } from './api/types';

const locale = (lang: Lang): string => (lang === 'en' ? 'en' : lang === 'zh-Hant' ? 'zh-TW' : 'zh-CN');

// Making an Intl formatter costs far more than using one (the library formats two values per
// row, hundreds of rows at start), so each kind is made once per language and reused.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, lang: Lang, make: (locale: string) => T): T {
  const k = `${key}:${lang}`;
  let f = formatters.get(k) as T | undefined;
  if (!f) {
    f = make(locale(lang));
    formatters.set(k, f);
  }
  return f;
}

export function formatNumber(n: number, lang: Lang): string {
  return cached('number', lang, (l) => new Intl.NumberFormat(l)).format(n);
}

export function formatBytes(n: number, lang: Lang): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  const digits = u === 0 ? 0 : 1;
  return `${cached(`bytes${digits}`, lang, (l) => new Intl.NumberFormat(l, { maximumFractionDigits: digits })).format(v)} ${units[u]}`;
}

export function parseTime(s: string): Date | null {
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 2026-11-22 14:05 in local time. */
export function formatDateTime(s: string | Date, lang: Lang): string {
  const d = typeof s === 'string' ? parseTime(s) : s;
  if (!d) return String(s);
  const f = cached(
    'datetime',
    lang,
    (l) => new Intl.DateTimeFormat(l, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }),
  );
  return f.format(d);
}

/** "3 秒前", "5 minutes ago", or a date for anything older than a week. */
export function formatRelative(s: string | Date, lang: Lang, now: Date = new Date()): string {
  const d = typeof s === 'string' ? parseTime(s) : s;
  if (!d) return String(s);
  const secs = Math.round((now.getTime() - d.getTime()) / 1000);
  if (secs < 7 * 86_400) {
    const rtf = cached('relative', lang, (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto', style: 'long' }));
    if (secs < 5) return lang === 'en' ? 'just now' : lang === 'zh-Hant' ? '剛剛' : '刚刚';
    if (secs < 60) return rtf.format(-secs, 'second');
    if (secs < 3600) return rtf.format(-Math.floor(secs / 60), 'minute');
    if (secs < 86_400) return rtf.format(-Math.floor(secs / 3600), 'hour');
    return rtf.format(-Math.floor(secs / 86_400), 'day');
  }
  return cached('date', lang, (l) => new Intl.DateTimeFormat(l, { year: 'numeric', month: 'short', day: 'numeric' })).format(d);
}

/** Today as YYYY-MM-DD in local time. */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
