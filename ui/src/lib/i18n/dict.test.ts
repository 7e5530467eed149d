import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../api/types';
import { DICTS, translate, type Key } from './dict';

const base = Object.keys(DICTS['zh-Hans']).sort();
const vars = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(svelte|ts)$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

describe('i18n dictionary', () => {
  for (const lang of LANGS) {
    it(`${lang} has exactly the same keys as zh-Hans`, () => {
      const keys = Object.keys(DICTS[lang]).sort();
      expect(keys.filter((k) => !base.includes(k))).toEqual([]);
      expect(base.filter((k) => !keys.includes(k))).toEqual([]);
    });

    it(`${lang} has no empty string and the same {placeholders}`, () => {
      for (const k of base as Key[]) {
        const s = DICTS[lang][k];
        expect(s.trim(), `${lang} ${k}`).not.toBe('');
        expect(vars(s), `${lang} ${k}`).toEqual(vars(DICTS['zh-Hans'][k]));
      }
    });
  }

  it('covers every key the source code asks for', () => {
    const root = resolve(process.cwd(), 'src');
    const used = new Set<string>();
    for (const file of sources(root)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\('([\w.-]+)'/g)) used.add(m[1] ?? '');
      for (const m of text.matchAll(/\b(?:key|hint): '([\w.-]+)'/g)) used.add(m[1] ?? '');
    }
    expect([...used].filter((k) => !base.includes(k))).toEqual([]);
  });

  it('holds none of the engine\'s words (kinds, periods, styles, fonts come from the engine)', () => {
    expect(base.filter((k) => /^(kind|period|suggest|font|rule)\./.test(k))).toEqual([]);
  });

  it('fills in values', () => {
    expect(translate('zh-Hans', 'status.total', { n: '1,234' })).toBe('字数 1,234');
    expect(translate('en', 'library.results', { n: 2, q: '续约' })).toBe('Results for “续约”: 2');
    expect(translate('zh-Hant', 'status.saved')).toBe('已儲存');
  });
});
