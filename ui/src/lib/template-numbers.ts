// Heading numbers for a template's outline preview, asked of the core (the same rule the
// editor and the export use), cached per template and language.
import type { Api, Lang, TemplateView } from './api/types';

const cache = new Map<string, Promise<(string | null)[]>>();

/** The Markdown skeleton of a template: its title and section headings. */
export function skeleton(tpl: TemplateView): string {
  const heads = tpl.sections.map((s) => `${'#'.repeat(Math.min(6, Math.max(2, s.level)))} ${s.title}`);
  return [`# ${tpl.name}`, ...heads].join('\n\n') + '\n';
}

/** One number (or null) per template section. */
export function templateNumbers(api: Api, tpl: TemplateView, lang: Lang): Promise<(string | null)[]> {
  const key = `${lang}:${tpl.id}:${tpl.sections.length}`;
  let p = cache.get(key);
  if (!p) {
    p = api
      .analyze(skeleton(tpl))
      .then((a) => a.headings.slice(1).map((h) => h.number))
      .catch(() => tpl.sections.map(() => null));
    cache.set(key, p);
  }
  return p;
}

/** The sum of the section targets, for "about N–M characters". */
export function targetTotal(tpl: TemplateView): { min: number; max: number } | null {
  let min = 0;
  let max = 0;
  let any = false;
  for (const s of tpl.sections) {
    if (s.target) {
      any = true;
      min += s.target.min;
      max += s.target.max;
    }
  }
  return any ? { min, max } : null;
}
