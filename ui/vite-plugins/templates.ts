// Serves the built-in template data files (crates/core/templates/*.toml, the same files the
// Rust core compiles in) as the virtual module `virtual:recap-templates`, parsed at build time.
// Only the in-memory test double of the Api uses it; the desktop app asks the core.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';
import type { Plugin } from 'vite';

const VIRTUAL_ID = 'virtual:recap-templates';
const RESOLVED_ID = '\0' + VIRTUAL_ID;

export const TEMPLATE_DIR = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../crates/core/templates',
);

/** Every template data file, parsed, sorted by file name. */
export function readTemplates(dir: string = TEMPLATE_DIR): { files: string[]; data: unknown[] } {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.toml'))
    .sort()
    .map((f) => join(dir, f));
  const data = files.map((f) => {
    try {
      return parse(readFileSync(f, 'utf8'));
    } catch (e) {
      throw new Error(`${f}: ${(e as Error).message}`, { cause: e });
    }
  });
  return { files, data };
}

export function recapTemplates(): Plugin {
  return {
    name: 'recap-templates',
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : null;
    },
    load(id) {
      if (id !== RESOLVED_ID) return null;
      const { files, data } = readTemplates();
      files.forEach((f) => this.addWatchFile(f));
      return `export default ${JSON.stringify(data)};`;
    },
  };
}
