// The UI language as reactive state, and t() to read the dictionary in it. Components call
// t(key) in their markup and re-render when the language changes.
import type { Kind, Lang } from '../api/types';
import { translate, type Key } from './dict';

export type { Key } from './dict';

const current = $state<{ lang: Lang }>({ lang: 'zh-Hans' });

export function getLang(): Lang {
  return current.lang;
}

export function setLang(lang: Lang): void {
  current.lang = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

export function t(key: Key, vars?: Record<string, string | number>): string {
  return translate(current.lang, key, vars);
}

/** The kind label (年度总结, 週報, Weekly report…). */
export function kindLabel(kind: string | null | undefined): string {
  const k = (kind ?? 'other') as Kind;
  const key = `kind.${k}` as Key;
  return translate(current.lang, key in KIND_KEYS ? key : 'kind.other');
}

const KIND_KEYS: Record<string, true> = {
  'kind.annual': true,
  'kind.half-year': true,
  'kind.quarterly': true,
  'kind.monthly': true,
  'kind.weekly': true,
  'kind.probation': true,
  'kind.duty-report': true,
  'kind.project-retro': true,
  'kind.other': true,
};
