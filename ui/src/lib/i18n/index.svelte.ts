// The UI language as reactive state, and t() to read the dictionary in it. Components call
// t(key) in their markup and re-render when the language changes.
import type { Lang } from '../api/types';
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
