// ─────────────────────────────────────────────────────────────────────────────────────────────
// TEST DOUBLE. An in-memory Api for `vite dev` and the browser tests. It serves the real
// template data (crates/core/templates/*.toml, parsed at build time), but word counts, heading
// numbering, search and export previews here are APPROXIMATIONS of what the Rust core computes;
// the desktop app never uses this file.
// ─────────────────────────────────────────────────────────────────────────────────────────────
import { Lexer, type Token } from 'marked';
import rawTemplates from 'virtual:recap-templates';
import { frontField, splitFrontMatter } from '../frontmatter';
import { periodRange } from '../period';
import type {
  Analysis,
  Api,
  ApiError,
  BackupInfo,
  DocInfo,
  ExportFormat,
  ExportOptions,
  Finding,
  HeadingNumber,
  Imported,
  Kind,
  Lang,
  NewDocument,
  RevisionInfo,
  SaveMode,
  SaveOutcome,
  SearchHit,
  SectionCount,
  StartupMark,
  StoredDoc,
  Target,
  TemplateView,
} from './types';

interface Localized {
  'zh-Hans'?: string;
  'zh-Hant'?: string;
  en?: string;
}
interface RawSectionText {
  title?: string;
  prompt?: string;
  tips?: string[];
  snippets?: string[];
}
interface RawSection {
  level: number;
  target?: Target;
  'zh-Hans'?: RawSectionText;
  'zh-Hant'?: RawSectionText;
  en?: RawSectionText;
}
export interface RawTemplate {
  id: string;
  kind: Kind;
  order?: number;
  name: Localized;
  description?: Localized;
  sections: RawSection[];
}

const ALL_LANGS: Lang[] = ['zh-Hans', 'zh-Hant', 'en'];

export const TEMPLATES: RawTemplate[] = (rawTemplates as RawTemplate[])
  .slice()
  .sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.id.localeCompare(b.id));

function pick(l: Localized | undefined, lang: Lang): string {
  const own = l?.[lang] ?? '';
  if (own.trim()) return own;
  for (const x of ALL_LANGS) {
    const t = l?.[x] ?? '';
    if (t.trim()) return t;
  }
  return '';
}

function sectionText(s: RawSection, lang: Lang): RawSectionText {
  const own = s[lang];
  if (own?.title?.trim()) return own;
  for (const x of ALL_LANGS) if (s[x]?.title?.trim()) return s[x] as RawSectionText;
  return own ?? {};
}

export function templateView(t: RawTemplate, lang: Lang): TemplateView {
  return {
    id: t.id,
    name: pick(t.name, lang),
    kind: t.kind,
    description: pick(t.description, lang),
    sections: t.sections.map((s) => {
      const x = sectionText(s, lang);
      return {
        title: x.title ?? '',
        level: s.level,
        prompt: x.prompt ?? '',
        tips: x.tips ?? [],
        target: s.target ?? null,
        snippets: x.snippets ?? [],
      };
    }),
  };
}

// ── counting (approximation of recap_core::count) ──────────────────────────────────────────
const HAN = /\p{Script=Han}/u;
const CJK_PUNCT = /[\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014]/u;

export function textCount(text: string): { chinese_chars: number; words: number; word_compatible: number } {
  let chinese = 0;
  let cjk = 0;
  let words = 0;
  let inWord = false;
  let hasAlnum = false;
  const end = (): void => {
    if (inWord && hasAlnum) words += 1;
    inWord = false;
    hasAlnum = false;
  };
  for (const ch of text) {
    if (HAN.test(ch) || CJK_PUNCT.test(ch)) {
      end();
      cjk += 1;
      if (HAN.test(ch)) chinese += 1;
    } else if (/\s/u.test(ch)) {
      end();
    } else {
      inWord = true;
      hasAlnum ||= /[\p{L}\p{N}]/u.test(ch);
    }
  }
  end();
  return { chinese_chars: chinese, words, word_compatible: cjk + words };
}

function tokenText(t: Token): string {
  if (t.type === 'table') {
    const tt = t as Token & { header: { text: string }[]; rows: { text: string }[][] };
    return [tt.header.map((c) => c.text).join(' '), ...tt.rows.map((r) => r.map((c) => c.text).join(' '))].join('\n');
  }
  if ('tokens' in t && Array.isArray(t.tokens)) return t.tokens.map(tokenText).join('');
  if (t.type === 'list') return (t as Token & { items: Token[] }).items.map(tokenText).join('\n');
  if ('text' in t && typeof t.text === 'string') return t.text;
  return '';
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
function chineseNumber(n: number): string {
  if (n <= 0) return CN_DIGITS[0] as string;
  if (n < 10) return CN_DIGITS[n] as string;
  if (n < 20) return '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
  if (n < 100) return (CN_DIGITS[Math.floor(n / 10)] as string) + '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
  return String(n);
}

const TYPED_NUMBER = /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+(?:\.\d+)*[.、．]\s*|[（(]\d+[）)]|第[一二三四五六七八九十\d]+[章节部分])/;

function headingNumber(depth: number, n: number): string | null {
  switch (depth) {
    case 0:
      return `${chineseNumber(n)}、`;
    case 1:
      return `（${chineseNumber(n)}）`;
    case 2:
      return `${n}.`;
    case 3:
      return `（${n}）`;
    default:
      return null;
  }
}

export function analyzeMarkdown(body: string, template: RawTemplate | undefined): Analysis {
  const { content } = splitFrontMatter(body);
  const blocks = new Lexer({ gfm: true }).lex(content).filter((t) => t.type !== 'space');
  const heads = blocks
    .map((t, block) => ({ t, block }))
    .filter((x) => x.t.type === 'heading') as { t: Token & { depth: number; text: string }; block: number }[];
  const h1s = heads.filter((h) => h.t.depth === 1).length;
  const first = h1s === 1 && heads[0]?.t.depth === 1 ? 2 : 1;
  const counters = [0, 0, 0, 0, 0, 0];
  const headings: HeadingNumber[] = heads.map(({ t, block }) => {
    const title = t.text.trim();
    if (t.depth < first) return { block, level: t.depth, number: null, title };
    const depth = t.depth - first;
    counters[depth] = (counters[depth] ?? 0) + 1;
    for (let i = depth + 1; i < counters.length; i += 1) counters[i] = 0;
    const number = TYPED_NUMBER.test(title) ? null : headingNumber(depth, counters[depth] ?? 1);
    return { block, level: t.depth, number, title };
  });
  const perBlock = blocks.map((b) => textCount(tokenText(b)));
  // As the core: a section's progress leaves out the template's 【…】 prompts.
  const written = blocks.map((b) => textCount(tokenText(b).replace(/【[^】\n]*】/g, '')));
  const total = perBlock.reduce(
    (a, c) => ({
      chinese_chars: a.chinese_chars + c.chinese_chars,
      words: a.words + c.words,
      word_compatible: a.word_compatible + c.word_compatible,
    }),
    { chinese_chars: 0, words: 0, word_compatible: 0 },
  );
  const sections: SectionCount[] = heads.map(({ t, block }, i) => {
    const next = heads.slice(i + 1).find((h) => h.t.depth <= t.depth);
    const end = next ? next.block : blocks.length;
    const c = written.slice(block + 1, end).reduce(
      (a, x) => ({
        chinese_chars: a.chinese_chars + x.chinese_chars,
        words: a.words + x.words,
        word_compatible: a.word_compatible + x.word_compatible,
      }),
      { chinese_chars: 0, words: 0, word_compatible: 0 },
    );
    const title = t.text.trim().replace(TYPED_NUMBER, '').trim();
    const ts = template?.sections.find((s) => ALL_LANGS.some((l) => s[l]?.title === title));
    const target = ts?.target ?? null;
    const status = target
      ? c.word_compatible < target.min
        ? 'under'
        : c.word_compatible > target.max
          ? 'over'
          : 'within'
      : null;
    // The stand-in of the core's results-title rule (check/sections.rs), a few of its words.
    const results = /成果|业绩|業績|成绩|成績|亮点|亮點|完成情况|完成情況|result|highlight/i.test(title);
    return { title, level: t.depth, block, ...c, target, status, results };
  });
  const lines = blocks.reduce((n, b) => n + Math.max(1, Math.ceil(tokenText(b).length / 28)), 0);
  return { counts: { ...total, pages: lines ? Math.ceil(lines / 22) : 0, sections }, headings };
}

// ── export preview (a plain A4 sketch; the real one is typst's SVG) ────────────────────────
function xml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

function previewPages(body: string, options: ExportOptions, lang: Lang): string[] {
  const { yaml, content } = splitFrontMatter(body);
  const analysis = analyzeMarkdown(body, undefined);
  const blocks = new Lexer({ gfm: true }).lex(content).filter((t) => t.type !== 'space');
  const W = 595;
  const H = 842;
  const left = 80;
  const perLine = 28;
  const lineH = 26;
  const serif = "'Noto Serif CJK SC','Songti SC',SimSun,serif";
  const sans = "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif";
  const pages: string[][] = [];
  let page: string[] = [];
  let y = 100;
  const newPage = (): void => {
    pages.push(page);
    page = [];
    y = 100;
  };
  const line = (text: string, size: number, font: string, weight = 400, anchor = 'start', x = left): void => {
    if (y + lineH > H - 90) newPage();
    page.push(
      `<text x="${anchor === 'middle' ? W / 2 : x}" y="${y}" font-family="${font}" font-size="${size}" font-weight="${weight}" text-anchor="${anchor}" fill="#111">${xml(text)}</text>`,
    );
    y += size >= 18 ? lineH + 14 : lineH;
  };
  if (options.cover) {
    page.push(`<text x="${W / 2}" y="330" font-family="${sans}" font-size="26" font-weight="700" text-anchor="middle" fill="#111">${xml(frontField(yaml, 'title') ?? '')}</text>`);
    const who = [frontField(yaml, 'author'), frontField(yaml, 'department')].filter(Boolean).join(' · ');
    page.push(`<text x="${W / 2}" y="400" font-family="${serif}" font-size="14" text-anchor="middle" fill="#333">${xml(who)}</text>`);
    newPage();
  }
  let h = 0;
  for (const b of blocks) {
    if (b.type === 'heading') {
      const hd = analysis.headings[h];
      h += 1;
      const text = (hd?.number ?? '') + (b as Token & { text: string }).text;
      if ((b as Token & { depth: number }).depth === 1) line(text, 20, sans, 700, 'middle');
      else line(text, 15, (b as Token & { depth: number }).depth === 2 ? sans : serif, 600);
      continue;
    }
    const text = tokenText(b).replace(/\s+/g, ' ').trim();
    const chars = Array.from(text);
    for (let i = 0; i < chars.length; i += perLine) {
      line((i === 0 ? '\u3000\u3000' : '') + chars.slice(i, i + perLine).join(''), 14, serif);
    }
  }
  if (options.signature) {
    y += lineH;
    line(frontField(yaml, 'author') ?? '', 14, serif, 400, 'end', W - 80);
    line(options.date ?? new Date().toISOString().slice(0, 10), 14, serif, 400, 'end', W - 80);
  }
  pages.push(page);
  const total = pages.length;
  return pages.map((p, i) => {
    const header = options.header
      ? `<text x="${W / 2}" y="48" font-family="${serif}" font-size="10" text-anchor="middle" fill="#555">${xml(options.header)}</text><line x1="${left}" y1="56" x2="${W - left}" y2="56" stroke="#999" stroke-width="0.5"/>`
      : '';
    const num = options.page_numbers
      ? `<text x="${W / 2}" y="${H - 40}" font-family="${serif}" font-size="11" text-anchor="middle" fill="#333">${lang === 'en' ? `${i + 1} / ${total}` : `— ${i + 1} —`}</text>`
      : '';
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="${W}" height="${H}" fill="#fff"/>${header}${p.join('')}${num}</svg>`;
  });
}

// ── the store ───────────────────────────────────────────────────────────────────────────────
interface MemRevision {
  rev: number;
  body: string;
  saved_at: string;
  created: number;
  auto: boolean;
}
interface MemDoc {
  id: number;
  created_at: string;
  deleted_at: string | null;
  revisions: MemRevision[];
}

export interface MemoryOptions {
  seed?: boolean;
  lang?: Lang;
  now?: () => Date;
}

/** Knobs for tests: make saves fail, add a document with any text. */
export interface MemoryControls {
  failSaves(n: number, code?: string): void;
  addDocument(body: string): Promise<DocInfo>;
  saveCount(): number;
  openedLinks(): string[];
  /** The next importFile() resolves with this file as if the user had picked it. */
  nextImportFile(name: string, text: string): void;
}

function err(code: string, message: string, transient = false): ApiError {
  return { code, message, transient };
}

function delay<T>(v: T, ms = 0): Promise<T> {
  return new Promise((r) => setTimeout(() => r(v), ms));
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

export function newDocumentMarkdown(t: RawTemplate, lang: Lang, d: NewDocument, periodText: string | null): string {
  const meta: string[] = [];
  if (d.title.trim()) meta.push(`title: ${yamlString(d.title.trim())}`);
  if (d.author.trim()) meta.push(`author: ${yamlString(d.author.trim())}`);
  if (d.department.trim()) meta.push(`department: ${yamlString(d.department.trim())}`);
  if (d.position.trim()) meta.push(`position: ${yamlString(d.position.trim())}`);
  if (periodText) meta.push(`period: ${periodText}`);
  meta.push(`kind: ${t.kind}`, `template: ${t.id}`, `lang: ${lang}`);
  const title = d.title.trim() || pick(t.name, lang);
  let out = `---\n${meta.join('\n')}\n---\n\n# ${title}\n`;
  for (const s of t.sections) {
    const x = sectionText(s, lang);
    out += `\n${'#'.repeat(Math.min(6, Math.max(2, s.level)))} ${x.title ?? ''}\n`;
    if (x.prompt?.trim()) out += `\n${x.prompt.trim()}\n`;
  }
  return out;
}

export function createMemoryApi(opts: MemoryOptions = {}): Api & { controls: MemoryControls } {
  const now = opts.now ?? (() => new Date());
  const docs = new Map<number, MemDoc>();
  const settings: Record<string, string> = {};
  const backups: BackupInfo[] = [];
  let nextId = 1;
  let failing = 0;
  let failCode = 'disk-full';
  let saves = 0;
  let nextFile: { name: string; text: string } | null = null;
  /** Links the page asked the shell to open (tests read them through controls). */
  const opened: string[] = [];
  const lang = (): Lang => (settings['lang'] as Lang | undefined) ?? opts.lang ?? 'zh-Hans';

  const current = (d: MemDoc): MemRevision => d.revisions[d.revisions.length - 1] as MemRevision;

  function info(d: MemDoc): DocInfo {
    const cur = current(d);
    const { yaml, content } = splitFrontMatter(cur.body);
    const h1 = /^#\s+(.+)$/m.exec(content)?.[1]?.trim();
    const title = frontField(yaml, 'title') ?? h1 ?? '未命名';
    return {
      id: d.id,
      title,
      kind: frontField(yaml, 'kind'),
      template: frontField(yaml, 'template'),
      created_at: d.created_at,
      updated_at: cur.saved_at,
      chinese_chars: textCount(content).chinese_chars,
      rev: cur.rev,
      deleted_at: d.deleted_at,
    };
  }

  function get(id: number): MemDoc {
    const d = docs.get(id);
    if (!d) throw err('not-found', `文档 ${id} 不存在`);
    return d;
  }

  function add(body: string): DocInfo {
    const at = now();
    const d: MemDoc = {
      id: nextId++,
      created_at: at.toISOString(),
      deleted_at: null,
      revisions: [{ rev: 1, body, saved_at: at.toISOString(), created: at.getTime(), auto: false }],
    };
    docs.set(d.id, d);
    return info(d);
  }

  function save(id: number, body: string, mode: SaveMode): SaveOutcome {
    const d = get(id);
    const cur = current(d);
    if (cur.body === body) return { id, rev: cur.rev, changed: false, saved_at: cur.saved_at };
    const at = now();
    if (mode === 'auto' && cur.auto && at.getTime() - cur.created < 120_000) {
      cur.body = body;
      cur.saved_at = at.toISOString();
    } else {
      d.revisions.push({ rev: cur.rev + 1, body, saved_at: at.toISOString(), created: at.getTime(), auto: mode === 'auto' });
    }
    return { id, rev: current(d).rev, changed: true, saved_at: current(d).saved_at };
  }

  function templateOf(body: string): RawTemplate | undefined {
    const id = frontField(splitFrontMatter(body).yaml, 'template');
    return TEMPLATES.find((t) => t.id === id);
  }

  const api: Api & { controls: MemoryControls } = {
    controls: {
      failSaves(n: number, code = 'disk-full') {
        failing = n;
        failCode = code;
      },
      addDocument: (body: string) => delay(add(body)),
      saveCount: () => saves,
      openedLinks: () => [...opened],
      nextImportFile(name: string, text: string) {
        nextFile = { name, text };
      },
    },
    uiReady: (_marks: StartupMark[]) => delay(undefined),
    openLink: (url: string) => {
      if (!/^(https?:|mailto:)/i.test(url.trim())) {
        return Promise.reject(err('not-allowed', `只能打开 http(s) 或邮件链接：${url}`));
      }
      opened.push(url);
      return delay(undefined);
    },
    appInfo: () =>
      delay({ version: '0.1.0 (browser preview)', dataDir: '~/.local/share/recap', lang: lang(), storeNotice: null }),
    listTemplates: (l?: Lang) => delay(TEMPLATES.map((t) => templateView(t, l ?? lang()))),
    async createDocument(d: NewDocument) {
      const t = TEMPLATES.find((x) => x.id === d.templateId);
      if (!t) throw err('not-found', `模板 ${d.templateId} 不存在`);
      let periodText: string | null = null;
      if (d.period.trim()) {
        const r = periodRange(d.period);
        if (!r) throw err('invalid-input', `周期“${d.period}”无法识别`);
        periodText = `${r.start} 至 ${r.end}`;
      }
      return delay(add(newDocumentMarkdown(t, d.lang, d, periodText)), 30);
    },
    listDocuments: () =>
      delay(
        [...docs.values()]
          .filter((d) => !d.deleted_at)
          .map(info)
          .sort((a, b) => b.updated_at.localeCompare(a.updated_at)),
      ),
    getDocument: async (id: number) => {
      const d = get(id);
      return delay({ ...info(d), body: current(d).body } satisfies StoredDoc);
    },
    async saveDocument(id: number, body: string, mode: SaveMode) {
      await delay(null, 60);
      if (failing > 0) {
        failing -= 1;
        throw err(
          failCode,
          lang() === 'en'
            ? 'The disk is full; could not write. Your text is still in the editor; free some space and try again.'
            : lang() === 'zh-Hant'
              ? '磁碟已滿，無法寫入。內容仍在編輯器中；請騰出空間後重試。'
              : '磁盘已满，无法写入。内容仍在编辑器中；请腾出空间后重试。',
          // As the store says of a full disk (recap_core::Error::transient).
          failCode === 'disk-full',
        );
      }
      saves += 1;
      return save(id, body, mode);
    },
    analyze: (body: string) => delay(analyzeMarkdown(body, templateOf(body))),
    search(query: string) {
      const q = query.trim().toLowerCase();
      if (!q) return delay([]);
      const hits: SearchHit[] = [];
      for (const d of docs.values()) {
        if (d.deleted_at) continue;
        const i0 = info(d);
        const plain = splitFrontMatter(current(d).body)
          .content.replace(/[#*_>`|~-]+/g, ' ')
          .replace(/\s+/g, ' ')
          .trim();
        const chars = Array.from(plain);
        const lower = chars.map((c) => c.toLowerCase());
        const qc = Array.from(q);
        const find = (from: number): number => {
          outer: for (let i = from; i + qc.length <= lower.length; i += 1) {
            for (let j = 0; j < qc.length; j += 1) if (lower[i + j] !== qc[j]) continue outer;
            return i;
          }
          return -1;
        };
        const first = find(0);
        if (first < 0 && !i0.title.toLowerCase().includes(q)) continue;
        const start = Math.max(0, (first < 0 ? 0 : first) - 16);
        const end = Math.min(chars.length, start + 44);
        const prefix = start > 0 ? '…' : '';
        const snippetChars = chars.slice(start, end);
        const highlights: [number, number][] = [];
        for (let i = find(start); i >= 0 && i + qc.length <= end; i = find(i + qc.length)) {
          highlights.push([i - start + prefix.length, i - start + prefix.length + qc.length]);
        }
        hits.push({ id: d.id, title: i0.title, snippet: prefix + snippetChars.join('') + (end < chars.length ? '…' : ''), highlights });
      }
      return delay(hits);
    },
    async deleteDocument(id: number) {
      get(id).deleted_at = now().toISOString();
      return delay(undefined);
    },
    async restoreDocument(id: number) {
      get(id).deleted_at = null;
      return delay(undefined);
    },
    async purgeDocument(id: number) {
      get(id);
      docs.delete(id);
      return delay(undefined);
    },
    listTrash: () =>
      delay(
        [...docs.values()]
          .filter((d) => d.deleted_at)
          .map(info)
          .sort((a, b) => (b.deleted_at ?? '').localeCompare(a.deleted_at ?? '')),
      ),
    history: async (id: number) =>
      delay(
        get(id)
          .revisions.map(
            (r): RevisionInfo => ({
              rev: r.rev,
              saved_at: r.saved_at,
              chinese_chars: textCount(splitFrontMatter(r.body).content).chinese_chars,
              auto: r.auto,
            }),
          )
          .reverse(),
      ),
    revision: async (id: number, rev: number) => {
      const r = get(id).revisions.find((x) => x.rev === rev);
      if (!r) throw err('not-found', `版本 ${rev} 不存在`);
      return delay(r.body);
    },
    revert: async (id: number, rev: number) => {
      const d = get(id);
      const r = d.revisions.find((x) => x.rev === rev);
      if (!r) throw err('not-found', `版本 ${rev} 不存在`);
      return delay(save(id, r.body, 'manual'));
    },
    exportPreview: (body: string, options: ExportOptions) => delay(previewPages(body, options, options.lang), 120),
    exportSave: (body: string, options: ExportOptions, format: ExportFormat) => {
      const title = frontField(splitFrontMatter(body).yaml, 'title') ?? 'Recap';
      void options;
      return delay({ path: `/home/user/Documents/${title}.${format}` }, 200);
    },
    revealPath: () => delay(undefined),
    getSettings: () => delay({ ...settings }),
    setSetting: (key: string, value: string) => {
      settings[key] = value;
      return delay(undefined);
    },
    listBackups: () => delay(backups.slice().reverse()),
    createBackup: () => {
      const at = now();
      const b: BackupInfo = {
        path: `~/.local/share/recap/backups/recap-${at.toISOString().replace(/[:.]/g, '-')}.sqlite3`,
        created_at: at.toISOString(),
        size: 48_000 + docs.size * 9_000,
      };
      backups.push(b);
      return delay(b, 150);
    },
    // ── 体检, import, carry forward, results: TEST DOUBLES (the real rules are in recap-core) ──
    check: (body: string) => delay(checkStandIn(body)),
    importFile: () => {
      const f = nextFile;
      nextFile = null;
      return delay(f ? importStandIn(f.name, f.text) : null);
    },
    importData: (name: string, bytes: Uint8Array) => delay(importStandIn(name, new TextDecoder().decode(bytes))),
    importText: (text: string) => delay(importStandIn(null, text)),
    addDocument: (body: string) => delay(add(body)),
    carryForward: (id: number) => delay(add(carryStandIn(info(get(id)), current(get(id)).body))),
    resultsTable: (l: Lang, rows: number) => delay(resultsTableStandIn(l, rows)),
    fillResults: (table: string) => delay(fillResultsStandIn(table)),
    restoreBackup: (path: string) => {
      if (!backups.some((b) => b.path === path)) return Promise.reject(err('not-found', `备份 ${path} 不存在`));
      return delay({ kept_current_as: '~/.local/share/recap/backups/before-restore.sqlite3' }, 150);
    },
  };
  if (opts.seed) seed(add);
  return api;
}

/** A little sample content for `vite dev` when the URL asks for it (?demo). */
function seed(add: (body: string) => DocInfo): void {
  if (typeof location === 'undefined' || !new URLSearchParams(location.search).has('demo')) return;
  const t = TEMPLATES.find((x) => x.id === 'weekly');
  if (t) {
    add(
      newDocumentMarkdown(
        t,
        'zh-Hans',
        { templateId: t.id, title: '第47周工作周报', author: '林晓舟', department: '客户成功部', position: '高级客户经理', period: '', lang: 'zh-Hans' },
        '2026-11-16 至 2026-11-22',
      ),
    );
  }
}

// ── TEST DOUBLES for 体检 / import / carry / results (recap-core has the real rules) ─────────

/** 【…】 placeholders and headings with nothing under them; `line` counts the front matter. */
export function checkStandIn(body: string): Finding[] {
  const lines = body.split('\n');
  const out: Finding[] = [];
  lines.forEach((l, i) => {
    for (const m of l.matchAll(/【[^】\n]*】/g)) {
      out.push({ rule: 'placeholder', severity: 'error', message: `占位符“${m[0]}”还没有填写`, line: i + 1, excerpt: m[0] });
    }
    const h = /^(#{2,6})\s+(.+)$/.exec(l);
    if (!h) return;
    let j = i + 1;
    while (j < lines.length && (lines[j] ?? '').trim() === '') j += 1;
    const next = lines[j];
    if (next === undefined || /^#{1,6}\s/.test(next)) {
      out.push({ rule: 'empty-section', severity: 'warning', message: `“${(h[2] ?? '').trim()}”一节还是空的`, line: i + 1, excerpt: (h[2] ?? '').trim() });
    }
  });
  return out;
}

/** 一、 → ##, （一） → ###, other lines paragraphs; a 首页 > … breadcrumb dropped with a note. */
export function importStandIn(name: string | null, text: string): Imported {
  const title = name ? name.replace(/\.[^.]+$/, '') : null;
  if (name && /\.md$/i.test(name)) return { markdown: text, notes: [] };
  const notes: Imported['notes'] = [];
  const out: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const l = raw.trim();
    if (!l || l === title) return;
    if (/^首页\s*[>＞›]/.test(l)) {
      notes.push({ line: i + 1, message: `已删除网页导航行：${l}` });
      return;
    }
    if (/^[一二三四五六七八九十]+、/.test(l)) out.push(`## ${l.replace(/^[一二三四五六七八九十]+、\s*/, '')}`);
    else if (/^[（(][一二三四五六七八九十]+[）)]/.test(l)) out.push(`### ${l.replace(/^[（(][一二三四五六七八九十]+[）)]\s*/, '')}`);
    else out.push(l);
  });
  const front = `---\n${title ? `title: ${JSON.stringify(title)}\n` : ''}lang: zh-Hans\n---\n\n`;
  return { markdown: front + (title ? `# ${title}\n\n` : '') + out.join('\n\n') + '\n', notes };
}

/** Next year in the title and a review table of the old plan's list items. */
export function carryStandIn(old: DocInfo, body: string): string {
  const title = /\d{4}/.test(old.title) ? old.title.replace(/\d{4}/, (y) => String(Number(y) + 1)) : `${old.title}（下期）`;
  const plan = /^#{2,6}\s*.*计划.*$([\s\S]*?)(?=^#{1,6}\s|(?![\s\S]))/m.exec(splitFrontMatter(body).content)?.[1] ?? '';
  const items = [...plan.matchAll(/^\s*(?:[-*]|\d+[.、])\s+(.+)$/gm)].map((m) => m[1]?.trim() ?? '');
  const rows = (items.length ? items : ['']).map((x) => `| ${x} |  |  |  |`);
  const meta = [`title: ${JSON.stringify(title)}`, old.kind ? `kind: ${old.kind}` : '', old.template ? `template: ${old.template}` : '', 'lang: zh-Hans'].filter(Boolean);
  return `---\n${meta.join('\n')}\n---\n\n# ${title}\n\n## 上期计划回顾\n\n| 事项 | 目标 | 状态 | 说明 |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`;
}

const RESULT_HEADS: Record<Lang, string[]> = {
  'zh-Hans': ['指标', '基线', '目标', '实际', '完成率'],
  'zh-Hant': ['指標', '基線', '目標', '實際', '完成率'],
  en: ['Metric', 'Baseline', 'Target', 'Actual', 'Completion'],
};

export function resultsTableStandIn(lang: Lang, rows: number): string {
  const head = RESULT_HEADS[lang];
  const body = Array.from({ length: rows }, () => `|${'  |'.repeat(head.length)}`);
  return [`| ${head.join(' | ')} |`, `|${' --- |'.repeat(head.length)}`, ...body].join('\n') + '\n';
}

/** 完成率 = 实际/目标, or (实际-基线)/(目标-基线) when a baseline is given; one decimal. */
export function fillResultsStandIn(table: string): string {
  const num = (c: string | undefined): number | null => {
    const m = /-?\d+(?:\.\d+)?/.exec((c ?? '').replace(/,/g, ''));
    return m ? Number(m[0]) : null;
  };
  return table
    .split('\n')
    .map((line, i) => {
      if (i < 2 || !line.trim().startsWith('|')) return line;
      const cells = line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
      const [b, tg, a] = [num(cells[1]), num(cells[2]), num(cells[3])];
      if (tg === null || a === null) return line;
      const r = b !== null ? (tg === b ? null : (a - b) / (tg - b)) : tg === 0 ? null : a / tg;
      if (r === null) return line;
      cells[4] = `${(r * 100).toFixed(1)}%`;
      return `| ${cells.join(' | ')} |`;
    })
    .join('\n');
}
