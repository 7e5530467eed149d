// End-to-end test of the built UI in Debian's Chromium, driven by playwright-core, on the real
// engine: the page calls /api on the test server, which forwards to the development bridge
// (crates/bridge: the same operations the desktop window calls, on a temporary store). Each
// flow starts on a fresh store. Walks the main journey, takes a screenshot of each screen into
// test-output/screenshots/, checks the hostile fixture cannot run script, and ends with
// "N passed, N failed". Exit code is non-zero when anything failed.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { bridgeRequest, startBridge, type Bridge } from './bridge.ts';
import { serve } from './server.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const UI = resolve(HERE, '..');
const REPO = resolve(UI, '..');
const SHOTS = resolve(UI, 'test-output/screenshots');
const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

mkdirSync(SHOTS, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];

/** A flow is a list of steps; after a failed step, the rest of that flow is skipped. */
async function flow(name: string, steps: [string, () => Promise<void>][]): Promise<void> {
  console.log(`\n${name}`);
  let broken = false;
  for (const [label, fn] of steps) {
    if (broken) {
      skipped += 1;
      console.log(`  - ${label} (skipped)`);
      continue;
    }
    const t0 = Date.now();
    try {
      await fn();
      passed += 1;
      console.log(`  ✓ ${label} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed += 1;
      broken = true;
      const msg = e instanceof Error ? e.message.split('\n').slice(0, 6).join('\n    ') : String(e);
      failures.push(`${name} › ${label}: ${msg}`);
      console.log(`  ✗ ${label}\n    ${msg}`);
    }
  }
}

function expect(cond: unknown, what: string): void {
  if (!cond) throw new Error(`expected ${what}`);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(150);
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`) });
}

/** Closes every toast (for a screenshot of what is under them). */
async function clearToasts(page: Page): Promise<void> {
  const close = page.locator('.toasts .toast button.icon-only');
  while ((await close.count()) > 0) await close.first().click();
}

interface Watch {
  problems: string[];
}

async function newPage(ctx: BrowserContext, watch: Watch): Promise<Page> {
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { __csp?: string[] };
      (w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('pageerror', (e) => watch.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') watch.problems.push(`console error: ${m.text()}`);
  });
  return page;
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

async function saveState(page: Page): Promise<string | null> {
  return page.getAttribute('[data-testid="save-state"]', 'data-state');
}

async function waitSaved(page: Page, timeout = 6000): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'saved', null, { timeout });
}

/** Text of the top-level block at `index` of the editor. */
async function blockText(page: Page, index: number): Promise<string> {
  return page.evaluate((i) => document.querySelector('[data-testid="editor"] .ProseMirror')?.children[i]?.textContent ?? '', index);
}

/** Click inside the first paragraph after the `n`-th h2. */
async function clickParagraphAfterH2(page: Page, n: number): Promise<void> {
  const p = page.locator('[data-testid="editor"] .ProseMirror > h2').nth(n).locator('xpath=following-sibling::p[1]');
  await p.click({ position: { x: 120, y: 12 } });
}

let bridge: Bridge;

/** A fresh, empty store for the flow that starts. */
async function freshStore(): Promise<void> {
  await bridgeRequest(bridge, '/test/reset', {});
}

/** Forgets the operations counted so far (`/test/calls` counts from here). */
async function freshCalls(): Promise<void> {
  await bridgeRequest(bridge, '/test/forget-calls', {});
}

/** How many saves reached the engine so far. */
async function saveCount(): Promise<number> {
  const calls = (await bridgeRequest(bridge, '/test/calls')) as Record<string, number>;
  return calls['doc_save'] ?? 0;
}

/** Stores a document (as an import would) and opens it from the library. */
async function openDoc(page: Page, body: string): Promise<void> {
  await page.waitForSelector('[data-testid="nav-gallery"]');
  await bridgeRequest(bridge, '/api/doc_add', { markdown: body });
  await page.click('[data-testid="nav-gallery"]');
  await page.click('[data-testid="nav-library"]');
  await page.locator('[data-testid="doc-row"]').first().click();
  await page.waitForSelector('[data-testid="editor"] .ProseMirror');
}

/** The real llama.cpp server of `make llm-env`, when RECAP_LLM_PYTHON says where it is. */
async function startLlm(): Promise<{ url: string; stop: () => void } | null> {
  const python = process.env['RECAP_LLM_PYTHON'];
  const model = process.env['RECAP_LLM_MODEL'];
  if (!python) return null;
  if (!model) throw new Error('RECAP_LLM_PYTHON is set but RECAP_LLM_MODEL is not');
  const port = await new Promise<number>((ok) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => ok(typeof a === 'object' && a ? a.port : 0));
    });
  });
  const child = spawn(python, ['-m', 'llama_cpp.server', '--model', model, '--model_alias', 'smollm2-135m-instruct', '--host', '127.0.0.1', '--port', String(port), '--n_ctx', '2048', '--n_threads', '1', '--n_threads_batch', '1', '--verbose', 'False'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/v1`;
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the llama.cpp server exited (${child.exitCode})`);
    try {
      const r = await fetch(`${url}/models`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - t0 > 120000) {
      child.kill();
      throw new Error('the llama.cpp server did not answer in 120 s');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, stop: () => void child.kill() };
}

async function main(): Promise<void> {
  bridge = await startBridge({ today: '2026-12-03' });
  const server = await serve(resolve(UI, 'dist'), bridge);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    const hostile = readFileSync(resolve(REPO, 'tests/fixtures/hostile.md'), 'utf8');
    const sample = readFileSync(resolve(REPO, 'tests/fixtures/annual-summary.md'), 'utf8');
    const viewport = { width: 1280, height: 800 };

    // ── the main journey ───────────────────────────────────────────────────────────────────
    {
      const watch: Watch = { problems: [] };
      const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme: 'light', locale: 'zh-CN' });
      const page = await newPage(ctx, watch);
      const snippetStart = '【项目名称】';
      await flow('main journey', [
        [
          'library shows the empty state with the three most used templates',
          async () => {
            await freshStore();
            await page.goto(server.url);
            await page.waitForSelector('[data-testid="library-empty"]');
            expect((await page.locator('[data-testid="library-empty"] [data-testid="template-card"]').count()) === 3, 'three template cards');
            await shot(page, '01-library-empty');
          },
        ],
        [
          'gallery lists the built-in templates with previews',
          async () => {
            await page.click('[data-testid="nav-gallery"]');
            await page.waitForSelector('[data-testid="gallery"]');
            const n = await page.locator('[data-testid="template-card"]').count();
            expect(n >= 10, `at least 10 templates (got ${n})`);
            await page.waitForFunction(() => document.querySelector('[data-template="annual-five-part"] .p-num')?.textContent === '一、');
            await shot(page, '02-gallery');
          },
        ],
        [
          'pick 年度工作总结（五段式）and fill the form',
          async () => {
            await page.locator('[data-template="annual-five-part"]').click();
            await page.waitForSelector('[data-testid="new-form"]');
            const suggested = await page.inputValue('[data-testid="nd-title"]');
            expect(/工作总结/.test(suggested), `a suggested title (got "${suggested}")`);
            await page.fill('[data-testid="nd-author"]', '林晓舟');
            await page.fill('[data-testid="nd-department"]', '华东区客户成功部');
            await page.fill('[data-testid="nd-position"]', '高级客户经理');
            await page.click('[data-testid="unit-quarter"]');
            await page.selectOption('[data-testid="nd-year"]', '2026');
            await page.selectOption('[data-testid="nd-part"]', '3');
            await page.waitForFunction(() => document.querySelector('[data-testid="new-form"]')?.textContent?.includes('2026-07-01 至 2026-09-30'));
            await page.click('[data-testid="unit-year"]');
            await page.selectOption('[data-testid="nd-year"]', '2026');
            await page.fill('[data-testid="nd-title"]', '2026年度个人工作总结');
            await shot(page, '03-new-document');
            await page.click('[data-testid="nd-submit"]');
          },
        ],
        [
          'editor opens with the numbered headings (numbers not in the text)',
          async () => {
            await page.waitForSelector('[data-testid="editor"] .ProseMirror h2');
            await page.waitForFunction(() => document.querySelectorAll('[data-testid="editor"] h2[data-number]').length === 5);
            const nums = await page.$$eval('[data-testid="editor"] h2', (hs) => hs.map((h) => h.getAttribute('data-number')));
            expect(JSON.stringify(nums) === JSON.stringify(['一、', '二、', '三、', '四、', '五、']), `numbers 一、…五、 (got ${JSON.stringify(nums)})`);
            const text = await page.locator('[data-testid="editor"] h2').first().textContent();
            expect(text === '工作完成情况概述', `heading text without number (got "${text}")`);
            const before = await page.$eval('[data-testid="editor"] h2', (h) => getComputedStyle(h, '::before').content);
            expect(before.includes('一、'), `::before shows the number (got ${before})`);
            expect((await page.locator('[data-testid="outline"] .num').first().textContent()) === '一、', 'outline numbering');
            await shot(page, '04-editor');
          },
        ],
        [
          'type Chinese text into the first section (with an IME composition)',
          async () => {
            await clickParagraphAfterH2(page, 0);
            const sel = await page.evaluate(() => getSelection()?.toString() ?? '');
            expect(sel.startsWith('【') && sel.endsWith('】'), `a click selects the whole prompt (got "${sel}")`);
            await page.keyboard.insertText('本年度我负责华东区42家重点客户的续约与增购工作，全年续约率达到92.9%，比上年提高4.1个百分点。');
            await page.evaluate(() => {
              const w = window as unknown as { __comp: number };
              w.__comp = 0;
              document.addEventListener('compositionstart', () => (w.__comp += 1), true);
            });
            const savesBefore = await saveCount();
            const cdp = await ctx.newCDPSession(page);
            await cdp.send('Input.imeSetComposition', { text: 'fu', selectionStart: 2, selectionEnd: 2 });
            await cdp.send('Input.imeSetComposition', { text: '复盘', selectionStart: 2, selectionEnd: 2 });
            // Autosave and analysis fire while the composition is open; it must survive them.
            await page.waitForTimeout(1500);
            const during = await page.evaluate(() => ({
              comp: (window as unknown as { __comp: number }).__comp,
            }));
            const savesDuring = await saveCount();
            expect(during.comp >= 1, 'a real composition was started');
            expect(savesDuring > savesBefore, 'autosave ran during the composition');
            await cdp.send('Input.insertText', { text: '复盘' });
            await page.waitForTimeout(100);
            const para = await blockText(page, 2);
            expect(para.includes('续约率达到92.9%') && para.endsWith('复盘'), `typed text in place (got "${para}")`);
            expect((para.match(/复盘/g) ?? []).length === 1, 'the composed text exactly once');
            expect(!para.includes('【'), 'the prompt was replaced');
            await page.waitForSelector('[data-testid="side-panel"] >> text=工作完成情况概述');
          },
        ],
        [
          'insert a snippet; its placeholders are highlighted and the first is selected',
          async () => {
            await clickParagraphAfterH2(page, 1);
            await page.waitForSelector('[data-testid="side-panel"] >> text=主要业绩与亮点');
            await page.locator('[data-testid="insert-snippet"]').first().click();
            await page.waitForTimeout(100);
            const para = await blockText(page, 4);
            expect(para.startsWith(snippetStart), `snippet inserted in place of the prompt (got "${para}")`);
            const sel = await page.evaluate(() => getSelection()?.toString() ?? '');
            expect(sel === snippetStart, `first placeholder selected (got "${sel}")`);
            await page.keyboard.insertText('客户健康度看板');
            const phs = await page.locator('[data-testid="editor"] .ph').count();
            expect(phs > 0, 'remaining placeholders highlighted');
            expect((await blockText(page, 4)).startsWith('客户健康度看板：'), 'placeholder replaced by typing');
          },
        ],
        [
          'the status line shows 已保存 after typing stops',
          async () => {
            await waitSaved(page);
            const s = await page.textContent('[data-testid="save-state"]');
            expect(s?.includes('已保存'), `已保存 (got "${s}")`);
            const total = await page.textContent('[data-testid="total-count"]');
            expect(/字数 \d/.test(total ?? ''), `a total count (got "${total}")`);
            await page.waitForTimeout(1200);
            await shot(page, '05-editor-writing');
          },
        ],
        [
          'history lists revisions and shows a readable diff',
          async () => {
            await page.keyboard.press('Control+s');
            await waitSaved(page);
            await clickParagraphAfterH2(page, 2);
            await page.keyboard.insertText('跨部门协同仍有断点，缺陷从提交到排期平均需要17天。');
            await waitSaved(page);
            await page.click('[data-testid="open-history"]');
            await page.waitForSelector('[data-testid="history-dialog"] [data-testid="revision"]');
            const n = await page.locator('[data-testid="revision"]').count();
            expect(n >= 2, `two or more revisions (got ${n})`);
            await page.locator('[data-testid="revision"]').last().click();
            await page.waitForSelector('[data-testid="history-diff"] .line.add');
            await shot(page, '06-history');
            await page.keyboard.press('Escape');
            await page.waitForSelector('[data-testid="history-dialog"]', { state: 'detached' });
          },
        ],
        [
          'export dialog shows the page preview and saves',
          async () => {
            await page.locator('[data-testid="editor"] .ProseMirror').click({ position: { x: 200, y: 40 } });
            await page.keyboard.press('Control+e');
            await page.waitForSelector('[data-testid="export-dialog"] [data-testid="preview-page"]');
            await page.waitForFunction(() => {
              const img = document.querySelector<HTMLImageElement>('[data-testid="preview-page"]');
              return !!img && img.complete && img.naturalWidth > 0;
            });
            await page.click('[data-testid="opt-cover"]', { force: true });
            await page.waitForTimeout(700);
            await shot(page, '07-export');
            await page.click('[data-testid="export-save"]');
            await page.waitForSelector('[data-testid="export-done"] [data-testid="open-file"]');
            await shot(page, '08-export-done');
            await page.keyboard.press('Escape');
          },
        ],
        [
          'library lists the document; search highlights matches',
          async () => {
            await page.click('[data-testid="nav-library"]');
            await page.waitForSelector('[data-testid="doc-row"]');
            const row = await page.textContent('[data-testid="doc-row"]');
            expect(row?.includes('2026年度个人工作总结') && row.includes('2026年'), `title and period in the row (got "${row}")`);
            await page.keyboard.press('Control+f');
            await page.keyboard.type('续约');
            await page.waitForSelector('[data-testid="search-results"] mark');
            expect((await page.textContent('[data-testid="search-results"] mark')) === '续约', 'the match is marked');
            await shot(page, '09-library-search');
            await page.fill('[data-testid="search"]', '');
            await page.waitForSelector('[data-testid="doc-list"]');
            await shot(page, '10-library');
          },
        ],
        [
          'trash: delete and restore',
          async () => {
            await page.hover('[data-testid="doc-row"]');
            await page.locator('[data-testid="doc-list"] [data-testid="row-delete"]').first().click();
            await page.click('[data-testid="tab-trash"]');
            await page.waitForSelector('[data-testid="trash-list"]');
            await page.locator('[data-testid="trash-list"] button').first().click();
            await page.click('text=最近');
            await page.waitForSelector('[data-testid="doc-row"]');
          },
        ],
        [
          'settings: data folder, backups, language',
          async () => {
            await page.click('[data-testid="nav-settings"]');
            await page.waitForSelector('[data-testid="data-dir"]');
            await page.click('[data-testid="backup-now"]');
            await page.waitForSelector('[data-testid="backup-list"] li');
            await page.waitForTimeout(4200);
            await page.evaluate(() => document.querySelector('[data-testid="settings"]')?.scrollTo(0, 0));
            await shot(page, '11-settings');
            await page.click('[data-testid="lang-en"]');
            await page.waitForSelector('[data-testid="nav-library"] >> text=Documents');
            await shot(page, '12-settings-en');
            await page.click('[data-testid="nav-library"]');
            await page.locator('[data-testid="doc-row"]').first().click();
            await page.waitForSelector('[data-testid="editor"] h2[data-number]');
            await clickParagraphAfterH2(page, 3);
            await page.waitForTimeout(400);
            await shot(page, '12b-editor-en-ui');
            // The table tools in English (the longest labels) fit the toolbar's row; then the
            // table goes again (undo), leaving the document as it was.
            await page.click('[role="toolbar"] button[aria-label="Insert table"]');
            await page.waitForSelector('[data-testid="table-tools"]');
            const fits = await page.evaluate(() => {
              const bar = document.querySelector('[role="toolbar"]');
              const desk = document.querySelector('[data-testid="editor"] .ProseMirror')?.closest('.desk');
              if (!bar || !desk) return 'missing';
              const b = bar.getBoundingClientRect();
              const d = desk.getBoundingClientRect();
              return bar.scrollWidth <= bar.clientWidth + 1 && b.left >= d.left && b.right <= d.right ? 'ok' : `bar ${b.left}-${b.right} (scroll ${bar.scrollWidth}/${bar.clientWidth}) in ${d.left}-${d.right}`;
            });
            expect(fits === 'ok', `the English table tools fit (${fits})`);
            await shot(page, '12d-table-tools-en');
            await page.click('[role="toolbar"] >> text=Delete table');
            await page.waitForSelector('[data-testid="table-tools"]', { state: 'detached' });
            await page.click('[data-testid="nav-settings"]');
            await page.click('[data-testid="lang-zh-Hant"]');
            await page.waitForSelector('[data-testid="nav-library"] >> text=文件');
            await page.click('[data-testid="nav-gallery"]');
            await page.waitForSelector('[data-testid="gallery"]');
            await page.waitForTimeout(300);
            await shot(page, '12c-gallery-zh-hant');
            await page.click('[data-testid="nav-settings"]');
            await page.click('[data-testid="lang-zh-Hans"]');
            await page.waitForSelector('[data-testid="nav-library"] >> text=文档');
          },
        ],
        [
          'no CSP violation, page error or console error',
          async () => {
            const v = await cspViolations(page);
            expect(v.length === 0, `no CSP violations (got ${v.join('; ')})`);
            expect(watch.problems.length === 0, `no errors (got ${watch.problems.join('; ')})`);
          },
        ],
      ]);
      await ctx.close();
    }

    // ── hostile text ─────────────────────────────────────────────────────────────────────────
    {
      const watch: Watch = { problems: [] };
      const ctx = await browser.newContext({ viewport, colorScheme: 'light' });
      const page = await newPage(ctx, watch);
      await flow('hostile fixture', [
        [
          'opening tests/fixtures/hostile.md runs no script',
          async () => {
            await freshStore();
            await page.goto(server.url);
            await openDoc(page, hostile);
            await page.waitForTimeout(1500);
            const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
            expect(pwned === undefined, 'window.__pwned unset');
            const bad = await page.locator('[data-testid="editor"] script, [data-testid="editor"] img, [data-testid="editor"] iframe').count();
            expect(bad === 0, `no script/img/iframe elements in the editor (got ${bad})`);
            const literal = await page.evaluate(() => document.querySelector('[data-testid="editor"]')?.textContent ?? '');
            expect(literal.includes('<script>window.__pwned = true</script>'), 'raw HTML shown as text');
          },
        ],
        [
          'links in the document are not followed on click',
          async () => {
            const before = page.url();
            const link = page.locator('[data-testid="editor"] a').first();
            if ((await link.count()) > 0) await link.click();
            await page.waitForTimeout(300);
            expect(page.url() === before, 'the page did not navigate');
            const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
            expect(pwned === undefined, 'window.__pwned unset after clicking links');
            await shot(page, '13-hostile');
          },
        ],
        [
          'export preview of the hostile text is an image and runs nothing',
          async () => {
            await page.keyboard.press('Control+e');
            await page.waitForSelector('[data-testid="preview-page"]');
            await page.waitForTimeout(500);
            const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
            expect(pwned === undefined, 'window.__pwned unset');
            expect((await page.locator('[data-testid="export-dialog"] svg script').count()) === 0, 'no inline SVG');
            await page.keyboard.press('Escape');
            const v = await cspViolations(page);
            expect(v.length === 0, `no CSP violations (got ${v.join('; ')})`);
            expect(watch.problems.length === 0, `no errors (got ${watch.problems.join('; ')})`);
          },
        ],
      ]);
      await ctx.close();
    }

    // ── failures and the empty-editor guard ─────────────────────────────────────────────────
    {
      const watch: Watch = { problems: [] };
      const ctx = await browser.newContext({ viewport, colorScheme: 'light' });
      const page = await newPage(ctx, watch);
      await flow('save failure and empty guard', [
        [
          'a failed save keeps the text and offers a retry',
          async () => {
            await freshStore();
            await page.goto(server.url);
            await openDoc(page, sample);
            await bridgeRequest(bridge, '/test/fail-saves', { n: 1, code: 'disk-full' });
            await clickParagraphAfterH2(page, 0);
            await page.keyboard.press('End');
            await page.keyboard.insertText('这一句在保存失败时也不能丢。');
            await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'failed', null, { timeout: 5000 });
            const s = await page.textContent('[data-testid="save-state"]');
            expect(s?.includes('保存失败') && s.includes('磁盘已满'), `failure with its reason (got "${s}")`);
            await shot(page, '14-save-failed');
            await page.click('[data-testid="retry-save"]');
            await waitSaved(page);
            const text = await page.textContent('[data-testid="editor"]');
            expect(text?.includes('这一句在保存失败时也不能丢。'), 'text kept');
            // Inside a table, the toolbar offers row and column tools in its own row: same
            // size as before, so it neither moves the page nor covers any text.
            const bar = page.locator('[role="toolbar"]').first();
            const before = await bar.boundingBox();
            await page.locator('[data-testid="editor"] td').nth(1).click();
            await page.waitForSelector('[data-testid="table-tools"]');
            const inside = await bar.boundingBox();
            expect(!!before && !!inside && before.height === inside.height && before.y === inside.y, `toolbar kept its place (${JSON.stringify(before)} → ${JSON.stringify(inside)})`);
            await page.click('[role="toolbar"] >> text=加一行');
            expect((await page.locator('[data-testid="editor"] tr').count()) === 5, 'a row was added');
            await waitSaved(page);
            await shot(page, '14b-table-tools');
          },
        ],
        [
          'emptying the editor asks before saving, and the text can be brought back',
          async () => {
            const saves = await saveCount();
            await page.locator('[data-testid="editor"] .ProseMirror').click();
            await page.keyboard.press('Control+a');
            await page.keyboard.press('Delete');
            await page.waitForSelector('[data-testid="confirm"]', { timeout: 4000 });
            await shot(page, '15-empty-guard');
            const after = await saveCount();
            expect(after === saves, 'nothing was saved');
            await page.click('[data-testid="confirm"] >> text=恢复原内容');
            await page.waitForFunction(() => (document.querySelector('[data-testid="editor"]')?.textContent ?? '').includes('工作完成情况概述'));
            expect((await saveState(page)) === 'saved', 'state back to saved');
            const v = await cspViolations(page);
            expect(v.length === 0, `no CSP violations (got ${v.join('; ')})`);
            expect(watch.problems.length === 0, `no errors (got ${watch.problems.join('; ')})`);
          },
        ],
      ]);
      await ctx.close();
    }

    // ── 体检, results table, carry forward, import ───────────────────────────────────────────
    {
      const watch: Watch = { problems: [] };
      const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme: 'light', locale: 'zh-CN' });
      const page = await newPage(ctx, watch);
      const filler = Array.from({ length: 14 }, (_, i) => `第${i + 1}项工作按计划推进，按月向部门汇报进度，并与相关团队确认了交付节奏和验收标准。`).join('\n\n');
      const checkDoc = `---\ntitle: "2026年度工作总结"\nkind: annual\nlang: zh-Hans\n---\n\n# 2026年度工作总结\n\n## 工作概述\n\n全年完成【数字】个项目，续约率达到 93%。\n\n${filler}\n\n## 主要成绩\n\n新签客户【数字】家，其中重点行业客户 6 家。\n\n## 下一步计划\n`;
      const editorText = (): Promise<string> => page.evaluate(() => document.querySelector('[data-testid="editor"]')?.textContent ?? '');
      await flow('check, results table, carry forward, import', [
        [
          'the 体检 panel lists findings by severity and a click jumps to the place',
          async () => {
            await freshStore();
            await page.goto(server.url);
            await openDoc(page, checkDoc);
            await page.click('[data-testid="open-check"]');
            await page.waitForSelector('[data-testid="check-panel"] [data-testid="finding"]');
            const n = await page.locator('[data-testid="finding"]').count();
            expect(n === 3, `three findings (got ${n})`);
            const count = await page.textContent('[data-testid="check-count"]');
            expect(count?.includes('3'), `the count (got ${count})`);
            await page.locator('[data-testid="finding"][data-rule="placeholder"]').nth(1).click();
            await page.waitForTimeout(500);
            const sel = await page.evaluate(() => {
              const s = window.getSelection();
              const block = s?.anchorNode?.parentElement?.closest('p');
              const r = block?.getBoundingClientRect();
              return { text: s?.toString() ?? '', block: block?.textContent ?? '', visible: !!r && r.top >= 0 && r.bottom <= window.innerHeight };
            });
            expect(sel.text === '【数字】', `the placeholder is selected (got "${sel.text}")`);
            expect(sel.block.startsWith('新签客户'), `in the right paragraph (got "${sel.block}")`);
            expect(sel.visible, 'scrolled into view');
            await page.locator('[data-testid="finding"][data-rule="empty-section"]').click();
            await page.waitForTimeout(300);
            const h = await page.evaluate(() => window.getSelection()?.anchorNode?.parentElement?.closest('h2')?.textContent ?? '');
            expect(h.includes('下一步计划'), `the empty section's heading (got "${h}")`);
            await page.locator('[data-testid="finding"][data-rule="placeholder"]').nth(1).click();
            await page.waitForTimeout(400);
            await shot(page, '19-check-panel');
          },
        ],
        [
          'the export dialog shows the findings count and links to the panel',
          async () => {
            await page.click('[data-testid="open-export"]');
            await page.waitForSelector('[data-testid="export-findings"]');
            await page.waitForFunction(() => document.querySelector('[data-testid="export-findings"]')?.textContent?.includes('体检发现 3 个问题'));
            expect(await page.isEnabled('[data-testid="export-save"]'), 'export is not blocked');
            await shot(page, '20-export-findings');
            await page.click('[data-testid="export-findings-view"]');
            await page.waitForSelector('[data-testid="export-dialog"]', { state: 'detached' });
            await page.waitForSelector('[data-testid="check-panel"] [data-testid="finding"]');
          },
        ],
        [
          'fixing the text and checking again shows the empty state',
          async () => {
            for (let i = 0; i < 2; i += 1) {
              await page.locator('[data-testid="finding"][data-rule="placeholder"]').first().click();
              await page.keyboard.type('12');
              await page.click('[data-testid="check-rerun"]');
              await page.waitForFunction((left) => document.querySelectorAll('[data-testid="finding"][data-rule="placeholder"]').length === left, 1 - i);
            }
            await page.locator('[data-testid="finding"][data-rule="empty-section"]').click();
            await page.keyboard.press('End');
            await page.keyboard.press('Enter');
            await page.keyboard.type('3 月底前完善客户分层运营。');
            await page.click('[data-testid="check-rerun"]');
            await page.waitForSelector('[data-testid="check-empty"]');
            expect((await page.textContent('[data-testid="check-empty"]'))?.includes('没有发现问题'), 'the empty state');
            const heads = await page.$$eval('[data-testid="editor"] h2', (hs) => hs.map((h) => h.textContent));
            expect(heads.includes('下一步计划'), `the jumped-to heading keeps its text (got ${heads.join(',')})`);
          },
        ],
        [
          'the side panel of a results section offers the results table',
          async () => {
            await page.click('[data-testid="check-close"]');
            await page.locator('[data-testid="editor"] .ProseMirror p').first().click();
            await page.waitForSelector('[data-testid="side-panel"] .sec-title');
            expect((await page.locator('[data-testid="panel-results"]').count()) === 0, 'not offered in 工作概述');
            await page.locator('[data-testid="editor"] .ProseMirror p', { hasText: '新签客户' }).click();
            await page.waitForSelector('[data-testid="panel-results"]');
            await page.keyboard.press('End');
            await page.click('[data-testid="panel-results"]');
            await page.waitForSelector('[data-testid="editor"] table th');
            const after = await page.evaluate(() => {
              const table = document.querySelector('[data-testid="editor"] table');
              // TipTap wraps a table in a scroll box; the box is the paragraph's neighbour.
              return (table?.closest('.tableWrapper') ?? table)?.previousElementSibling?.textContent ?? '';
            });
            expect(after.startsWith('新签客户'), `the table follows the paragraph (got "${after}")`);
            await shot(page, '20b-results-panel');
            await page.keyboard.press('Control+z');
            await page.waitForFunction(() => document.querySelectorAll('[data-testid="editor"] table').length === 0);
          },
        ],
        [
          'insert a results table and compute 完成率',
          async () => {
            await page.locator('[data-testid="editor"] .ProseMirror p').first().click();
            await page.keyboard.press('End');
            await page.click('[data-testid="insert-results"]');
            await page.waitForSelector('[data-testid="editor"] table th');
            const heads = await page.$$eval('[data-testid="editor"] table tr:first-child > *', (c) => c.map((x) => x.textContent?.trim()));
            expect(heads.join('/') === '指标/基线/目标/实际/完成率', `the columns (got ${heads.join('/')})`);
            await page.locator('[data-testid="editor"] table tr').nth(1).locator('td').first().click();
            for (const v of ['续约率', '', '90%', '93%', '', '客户数', '10', '20', '15']) {
              if (v) await page.keyboard.type(v);
              await page.keyboard.press('Tab');
            }
            await page.waitForSelector('[data-testid="compute-results"]');
            await page.click('[data-testid="compute-results"]');
            await page.waitForFunction(() => {
              const rows = Array.from(document.querySelectorAll('[data-testid="editor"] table tr'));
              return rows[1]?.lastElementChild?.textContent?.trim() === '103%' && rows[2]?.lastElementChild?.textContent?.trim() === '50%';
            });
          },
        ],
        [
          'from this one, the next period’s summary opens with the review table',
          async () => {
            await page.click('[data-testid="carry-forward"]');
            await page.waitForFunction(() => document.querySelector('.doc-title')?.textContent === '2027年度工作总结');
            await page.waitForFunction(() => (document.querySelector('[data-testid="editor"] table tr')?.textContent ?? '').includes('事项'));
            const heads = await page.$$eval('[data-testid="editor"] table tr:first-child > *', (c) => c.map((x) => x.textContent?.trim()));
            expect(heads.join('/') === '事项/目标/状态/说明', `the review table (got ${heads.join('/')})`);
          },
        ],
        [
          'pasting numbered plain text becomes headings',
          async () => {
            await page.locator('[data-testid="editor"] .ProseMirror > h2').last().click();
            await page.keyboard.press('End');
            await page.keyboard.press('Enter');
            await page.evaluate(() => {
              const dt = new DataTransfer();
              dt.setData('text/plain', '一、工作亮点\n（一）客户拓展\n新签客户 12 家。\n二、存在不足\n交付周期偏长。');
              const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
              document.querySelector('[data-testid="editor"] .ProseMirror')?.dispatchEvent(ev);
            });
            await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="editor"] h2')).some((h) => h.textContent === '工作亮点'));
            const h3 = await page.$$eval('[data-testid="editor"] h3', (hs) => hs.map((h) => h.textContent));
            expect(h3.includes('客户拓展'), `（一） became a level-2 heading (got ${h3.join(',')})`);
            expect(!(await editorText()).includes('一、工作亮点'), 'the typed number is not kept as text');
          },
        ],
        [
          'pasting a web page whose numbers were typed by hand becomes headings too',
          async () => {
            await page.locator('[data-testid="editor"] .ProseMirror > p').last().click();
            await page.keyboard.press('End');
            await page.keyboard.press('Enter');
            await page.evaluate(() => {
              const dt = new DataTransfer();
              const lines = ['三、团队建设', '（一）人才培养', '组织内训 6 场。'];
              dt.setData('text/html', `<meta charset="utf-8"><div class="article">${lines.map((l) => `<p class="indent"><strong>${l}</strong></p>`).join('')}</div>`);
              dt.setData('text/plain', lines.join('\n'));
              const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
              document.querySelector('[data-testid="editor"] .ProseMirror')?.dispatchEvent(ev);
            });
            await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="editor"] h2')).some((h) => h.textContent === '团队建设'));
            const h3 = await page.$$eval('[data-testid="editor"] h3', (hs) => hs.map((h) => h.textContent));
            expect(h3.includes('人才培养'), `（一） from the web page became a level-2 heading (got ${h3.join(',')})`);
            expect((await editorText()).includes('组织内训 6 场。'), 'the body line is kept');
          },
        ],
        [
          'a file dropped on the library is imported and opened, with its notes',
          async () => {
            await page.click('[data-testid="nav-library"]');
            await page.waitForSelector('[data-testid="doc-row"]');
            // Earlier steps' toasts are closed, so the screenshots show this import's own.
            while ((await page.locator('.toasts button').count()) > 0) await page.locator('.toasts button').first().click();
            await page.evaluate(() => {
              const dt = new DataTransfer();
              dt.items.add(new File(['首页 > 工作总结 > 正文\n2026年述职报告\n一、履职情况\n（一）团队建设\n带领 8 人团队完成全年目标。\n二、下一步打算\n继续推进数字化。'], '2026年述职报告.txt', { type: 'text/plain' }));
              (window as unknown as { __dt: DataTransfer }).__dt = dt;
              document.querySelector('[data-testid="library"]')?.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
            });
            await page.waitForSelector('[data-testid="drop-overlay"]');
            await shot(page, '21-import-drop');
            await page.evaluate(() => {
              const dt = (window as unknown as { __dt: DataTransfer }).__dt;
              document.querySelector('[data-testid="library"]')?.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
            });
            await page.waitForFunction(() => document.querySelector('.doc-title')?.textContent === '2026年述职报告');
            // A file is imported as written: its typed numbers stay (export adds none of its own).
            await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="editor"] h2')).some((h) => h.textContent === '一、履职情况'));
            await page.waitForFunction(() => (document.querySelector('.toasts')?.textContent ?? '').includes('导入时有 1 处说明'));
            expect(!(await editorText()).includes('首页 >'), 'the breadcrumb was dropped');
            await page.waitForTimeout(400);
            await shot(page, '22-import-result');
          },
        ],
        [
          'the 导入 button imports the file the dialog picked; cancelling does nothing',
          async () => {
            await page.click('[data-testid="nav-library"]');
            await page.waitForSelector('[data-testid="doc-row"]');
            const before = await page.locator('[data-testid="doc-row"]').count();
            await page.click('[data-testid="import"]');
            await page.waitForTimeout(200);
            expect((await page.locator('[data-testid="doc-row"]').count()) === before, 'a cancelled dialog adds nothing');
            await bridgeRequest(bridge, '/test/next-open-file', { name: '周报.md', text: '---\ntitle: "第48周周报"\n---\n\n# 第48周周报\n\n## 本周完成\n\n上线新版报表。\n' });
            await page.click('[data-testid="import"]');
            await page.waitForFunction(() => document.querySelector('.doc-title')?.textContent === '第48周周报');
          },
        ],
        [
          'the library row action makes the next summary too',
          async () => {
            await page.click('[data-testid="nav-library"]');
            const row = page.locator('[data-testid="doc-list"] li', { hasText: '2026年度工作总结' }).first();
            await row.hover();
            await row.locator('[data-testid="row-carry"]').click();
            await page.waitForFunction(() => document.querySelector('.doc-title')?.textContent === '2027年度工作总结');
            const v = await cspViolations(page);
            expect(v.length === 0, `no CSP violations (got ${v.join('; ')})`);
            expect(watch.problems.length === 0, `no errors (got ${watch.problems.join('; ')})`);
          },
        ],
      ]);
      await ctx.close();
    }

    // ── what the engine knows, shown as it says ────────────────────────────────────────────
    {
      const watch: Watch = { problems: [] };
      const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme: 'light', locale: 'zh-CN' });
      const page = await newPage(ctx, watch);
      const weekly = '---\ntitle: "2026年第47周工作周报"\nkind: weekly\ntemplate: weekly\nperiod: 2026-W47\nlang: zh-Hans\n---\n\n# 2026年第47周工作周报\n\n## 下周计划\n\n- 11 月 27 日前完成 3 家客户的续约\n';
      const quarterly = '---\ntitle: "三季度总结"\nkind: quarterly\nperiod: 2026-Q3\n---\n\n# 三季度总结\n\n## 主要成绩\n\n| 指标 | 目标 | 实际 | 达成率 |\n| --- | --- | --- | --- |\n| 续约率 | 90% | 99% |  |\n';
      await flow('engine facts in the UI', [
        [
          'the library shows each document\'s period from the one list call',
          async () => {
            await freshStore();
            await page.goto(server.url);
            await page.waitForSelector('[data-testid="nav-gallery"]');
            await bridgeRequest(bridge, '/api/doc_add', { markdown: weekly });
            await bridgeRequest(bridge, '/api/doc_add', { markdown: quarterly });
            await freshCalls();
            await page.click('[data-testid="nav-gallery"]');
            await page.click('[data-testid="nav-library"]');
            await page.waitForFunction(() => document.querySelectorAll('[data-testid="row-period"]').length === 2);
            const periods = await page.$$eval('[data-testid="row-period"]', (els) => els.map((e) => e.textContent));
            expect(periods.includes('2026年第47周') && periods.includes('2026年第三季度'), `the periods as the engine names them (got ${periods.join(', ')})`);
            const calls = (await bridgeRequest(bridge, '/test/calls')) as Record<string, number>;
            expect(!calls['doc_open'] && calls['doc_list'] === 1, `one list call and no document read (got ${JSON.stringify(calls)})`);
          },
        ],
        [
          'a results table headed 达成率 offers 计算完成率, and computes it',
          async () => {
            await page.locator('[data-testid="doc-row"]', { hasText: '三季度总结' }).click();
            await page.waitForSelector('[data-testid="editor"] table');
            await page.locator('[data-testid="editor"] td').first().click();
            await page.waitForSelector('[data-testid="compute-results"]');
            await page.click('[data-testid="compute-results"]');
            await page.waitForFunction(() => document.querySelectorAll('[data-testid="editor"] table tr')[1]?.lastElementChild?.textContent?.trim() === '110%');
            await shot(page, '23-results-dachenglv');
          },
        ],
        [
          'a weekly report carried forward is titled and dated for the next week',
          async () => {
            await page.click('[data-testid="nav-library"]');
            const row = page.locator('[data-testid="doc-list"] li', { hasText: '第47周' }).first();
            await row.hover();
            await row.locator('[data-testid="row-carry"]').click();
            await page.waitForFunction(() => document.querySelector('.doc-title')?.textContent === '2026年第48周工作周报');
            const sub = await page.textContent('.bar .sub');
            expect(sub?.includes('2026年第48周'), `the new period (got "${sub}")`);
            const v = await cspViolations(page);
            expect(v.length === 0, `no CSP violations (got ${v.join('; ')})`);
            expect(watch.problems.length === 0, `no errors (got ${watch.problems.join('; ')})`);
          },
        ],
      ]);
      await ctx.close();
    }

    // ── the work log (记录) and a summary drafted from it ─────────────────────────────────────
    {
      const watch: Watch = { problems: [] };
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1, colorScheme: 'light', locale: 'zh-CN' });
      const page = await newPage(ctx, watch);
      const box = '[data-testid="log-box"]';
      const entries = '[data-testid="log-entries"] [data-testid="log-entry"]';
      const entryTexts = (): Promise<string[]> => page.locator(`${entries} [data-testid="log-entry-text"]`).allTextContents();
      const calTitle = (): Promise<string | null> => page.textContent('[data-testid="cal-title"]');
      const dayTitle = (): Promise<string | null> => page.textContent('[data-testid="log-day-title"]');
      await flow('work log', [
        [
          'Ctrl+J opens the log with the box focused; Ctrl+Enter saves, the box clears and keeps focus, chips show the marks',
          async () => {
            await freshStore();
            await page.goto(server.url);
            await page.waitForSelector('[data-testid="nav-log"]');
            await page.keyboard.press('Control+j');
            await page.waitForSelector(box);
            await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'log-box');
            await page.keyboard.type('拜访 @华东 客户，续约 42 家 #续约');
            await page.waitForFunction(() => document.querySelector('[data-testid="log-composer"] [data-testid="chips"]')?.textContent?.includes('42 家'));
            await page.keyboard.press('Control+Enter');
            await page.waitForFunction(() => document.querySelectorAll('[data-testid="log-entries"] [data-testid="log-entry"]').length === 1);
            expect((await page.inputValue(box)) === '', 'the box cleared');
            expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'log-box'), 'the box keeps focus');
            const chips = await page.locator(`${entries} [data-testid="chips"] li`).allTextContents();
            expect(JSON.stringify(chips) === JSON.stringify(['@华东', '#续约', '42 家']), `chips @华东 #续约 42 家 (got ${JSON.stringify(chips)})`);
            expect((await entryTexts())[0] === '拜访 @华东 客户，续约 42 家 #续约', 'the text as typed');
          },
        ],
        [
          '#/@ completion offers names used before; the newest note comes first',
          async () => {
            await page.keyboard.type('复盘 #续');
            await page.waitForSelector('[data-testid="log-suggest"]');
            const offered = await page.textContent('[data-testid="log-suggest"]');
            expect(offered?.includes('#续约'), `#续约 offered (got "${offered}")`);
            await page.keyboard.press('Enter');
            await page.keyboard.type('流程');
            expect((await page.inputValue(box)) === '复盘 #续约 流程', `completed text (got "${await page.inputValue(box)}")`);
            await page.keyboard.press('Control+Enter');
            await page.waitForFunction(() => document.querySelectorAll('[data-testid="log-entries"] [data-testid="log-entry"]').length === 2);
            const texts = await entryTexts();
            expect(texts[0] === '复盘 #续约 流程', `newest first (got ${JSON.stringify(texts)})`);
          },
        ],
        [
          'a note is edited in place',
          async () => {
            await page.locator(entries).first().locator('[data-testid="log-entry-edit"]').click();
            await page.fill('[data-testid="log-edit-box"]', '复盘 #续约 流程，整理 3 份清单');
            await page.keyboard.press('Control+Enter');
            await page.waitForFunction(() => document.querySelector('[data-testid="log-entries"] [data-testid="log-entry-text"]')?.textContent === '复盘 #续约 流程，整理 3 份清单');
            expect((await page.locator(entries).first().textContent())?.includes('已改过 1 次'), 'the edit is counted');
          },
        ],
        [
          'a note is deleted and the toast brings it back',
          async () => {
            await page.locator(entries).first().locator('[data-testid="log-entry-delete"]').click();
            await page.waitForFunction(() => document.querySelectorAll('[data-testid="log-entries"] [data-testid="log-entry"]').length === 1);
            await page.click('[data-testid="toast-action"]');
            await page.waitForFunction(() => document.querySelectorAll('[data-testid="log-entries"] [data-testid="log-entry"]').length === 2);
          },
        ],
        [
          'the calendar: counts on the day, arrows move by day and week across months, PageUp/PageDown by year',
          async () => {
            const today = page.locator('[data-testid="log-calendar"] [data-date="2026-12-03"]');
            // The calendar follows the undo above once the month is read again.
            await page.waitForFunction(() => document.querySelector('[data-testid="log-calendar"] [data-date="2026-12-03"]')?.textContent?.includes('2 条'));
            expect((await page.textContent('[data-testid="log-calendar"] thead'))?.startsWith('周一'), 'Monday first');
            await today.focus();
            await page.keyboard.press('ArrowRight');
            await page.waitForFunction(() => document.querySelector('[data-testid="log-day-title"]')?.textContent?.includes('12月4日'));
            await page.keyboard.press('ArrowUp');
            await page.waitForFunction(() => document.querySelector('[data-testid="cal-title"]')?.textContent === '2026年11月');
            expect((await dayTitle())?.includes('11月27日'), `27 November shown (got "${await dayTitle()}")`);
            await page.keyboard.press('PageDown');
            await page.waitForFunction(() => document.querySelector('[data-testid="cal-title"]')?.textContent === '2027年11月');
            expect(await page.evaluate(() => document.activeElement?.getAttribute('data-date') === '2027-11-27'), 'focus follows the day');
            await page.keyboard.press('PageUp');
            await page.waitForFunction(() => document.querySelector('[data-testid="cal-title"]')?.textContent === '2026年11月');
            await page.getByRole('button', { name: '回到今天' }).click();
            await page.waitForFunction(() => document.querySelector('[data-testid="cal-title"]')?.textContent === '2026年12月');
            expect((await calTitle()) === '2026年12月', 'back to December');
          },
        ],
        [
          'search by word, #tag and @project jumps to the day',
          async () => {
            await page.fill('[data-testid="log-search"]', '客户 #续约 @华东');
            await page.waitForFunction(() => document.querySelectorAll('[data-testid="log-hits"] li').length === 1);
            await clearToasts(page);
            await shot(page, '30-log');
            await page.fill('[data-testid="log-search"]', '');
            await page.waitForSelector('[data-testid="log-hits"]', { state: 'detached' });
            await page.click('[data-testid="log-week-mode"]');
            await page.waitForSelector('[data-testid="log-week"] h2');
            const week = (await page.textContent('[data-testid="log-week"]')) ?? '';
            expect(week.includes('2026年第49周') && week.includes('复盘 #续约 流程'), `the week with its notes (got "${week.slice(0, 80)}")`);
            expect((await page.locator('[data-testid="log-week"] ol > li').count()) === 7, 'seven days');
            await page.getByRole('radio', { name: '月视图' }).click();
            await page.waitForSelector('[data-testid="log-calendar"]');
          },
        ],
        [
          'a paste of many days: a confirm view (undated marked, date editable), stored, then undone whole',
          async () => {
            await page.click('[data-testid="log-paste-open"]');
            await page.fill('[data-testid="log-paste-text"]', '先写的一行\n12月1日\n客户回访 #回访\n12月2日\n交付 @华东 3 套');
            await page.click('[data-testid="log-paste-next"]');
            await page.waitForSelector('[data-testid="log-paste-rows"]');
            const rows = page.locator('[data-testid="log-paste-row"]');
            expect((await rows.count()) === 3, 'three rows');
            expect((await rows.first().textContent())?.includes('需要日期'), 'the undated row is marked');
            expect(await page.isDisabled('[data-testid="log-paste-save"]'), 'nothing stored while a row has no date');
            await shot(page, '31-log-paste-confirm');
            await rows.first().locator('input[type="date"]').fill('2026-11-30');
            await page.click('[data-testid="log-paste-save"]');
            await page.waitForSelector('[data-testid="log-paste"]', { state: 'detached' });
            await page.waitForFunction(() => document.querySelector('[data-testid="cal-summary"]')?.textContent === '本月 4 条记录，分布在 3 天');
            await page.click('[data-testid="toast-action"]');
            await page.waitForFunction(() => document.querySelector('[data-testid="cal-summary"]')?.textContent === '本月 2 条记录，分布在 1 天');
          },
        ],
        [
          'a CSV: the columns chosen in the preview, imported, and the same file again adds nothing',
          async () => {
            const csv = '日期,工作内容,备注\n2026-11-02,客户回访 @华东,电话\n2026-11-03,整理 #周报,无\n';
            await bridgeRequest(bridge, '/test/next-open-file', { name: 'log.csv', text: csv });
            await page.click('[data-testid="log-paste-open"]');
            await page.click('[data-testid="log-import-file"]');
            await page.waitForSelector('[data-testid="log-columns"]');
            const rows = page.locator('[data-testid="log-paste-row"]');
            expect((await rows.count()) === 2, 'two rows');
            await page.uncheck('[data-testid="log-text-column-2"]');
            await page.waitForFunction(() => document.querySelector('[data-testid="log-paste-row"] td.text')?.textContent?.trim() === '客户回访 @华东');
            await page.click('[data-testid="log-paste-save"]');
            await page.waitForSelector('[data-testid="log-paste"]', { state: 'detached' });
            await bridgeRequest(bridge, '/test/next-open-file', { name: 'log.csv', text: csv });
            await page.click('[data-testid="log-paste-open"]');
            await page.click('[data-testid="log-import-file"]');
            await page.waitForSelector('[data-testid="log-columns"]');
            await page.uncheck('[data-testid="log-text-column-2"]');
            await page.waitForFunction(() => document.querySelector('[data-testid="log-paste-summary"]')?.textContent?.startsWith('0 条新记录，2 条已在记录中'));
            expect(await page.isDisabled('[data-testid="log-paste-save"]'), 'nothing left to store');
            await page.keyboard.press('Escape');
            await page.waitForSelector('[data-testid="log-paste"]', { state: 'detached' });
          },
        ],
        [
          '起草总结: the month drafted from the notes opens in the editor with a source marker',
          async () => {
            await page.click('[data-testid="draft-open"]');
            await page.waitForSelector('[data-testid="draft-dialog"] [data-testid="draft-part"]');
            await page.selectOption('[data-testid="draft-part"]', '12');
            await page.waitForFunction(() => document.querySelector('[data-testid="draft-range"]')?.textContent?.includes('2026-12-01'));
            await page.click('[data-testid="draft-create"]');
            await page.waitForSelector('[data-testid="editor"] .ProseMirror h2');
            const text = (await page.textContent('[data-testid="editor"] .ProseMirror')) ?? '';
            expect(text.includes('42 家'), 'the figure from the note is in the draft');
            const marker = page.locator('[data-testid="editor"] a[href^="recap:sources/"]').first();
            await marker.waitFor();
            // Closing a toast is a click outside the popover (which closes it): toasts go first.
            await clearToasts(page);
            await marker.click();
            await page.waitForSelector('[data-testid="sources-popover"] [data-testid="source-item"]');
            const src = (await page.textContent('[data-testid="sources-popover"]')) ?? '';
            expect(src.includes('拜访 @华东 客户，续约 42 家 #续约') || src.includes('复盘 #续约 流程'), `the popover lists the note (got "${src}")`);
            await shot(page, '32-draft-sources');
            await page.keyboard.press('Escape');
            await page.waitForSelector('[data-testid="sources-popover"]', { state: 'detached' });
          },
        ],
        [
          'the export dialog offers the 依据 appendix, off by default',
          async () => {
            await page.locator('[data-testid="editor"] .ProseMirror h2').first().click();
            await page.keyboard.press('Control+e');
            await page.waitForSelector('[data-testid="export-dialog"] [data-testid="opt-sources"]');
            expect(!(await page.isChecked('[data-testid="opt-sources"]')), 'the appendix is off');
            await page.keyboard.press('Escape');
            await page.waitForSelector('[data-testid="export-dialog"]', { state: 'detached' });
            const v = await cspViolations(page);
            expect(v.length === 0, `no CSP violations (got ${v.join('; ')})`);
            expect(watch.problems.length === 0, `no errors (got ${watch.problems.join('; ')})`);
          },
        ],
      ]);
      await ctx.close();
    }

    // ── dark theme ───────────────────────────────────────────────────────────────────────────
    {
      const watch: Watch = { problems: [] };
      const ctx = await browser.newContext({ viewport, colorScheme: 'dark' });
      const page = await newPage(ctx, watch);
      await flow('dark theme', [
        [
          'the editor in the dark theme',
          async () => {
            await freshStore();
            await page.goto(server.url);
            await openDoc(page, sample);
            await clickParagraphAfterH2(page, 1);
            await page.waitForTimeout(800);
            await shot(page, '16-editor-dark');
            await page.click('[data-testid="nav-gallery"]');
            await page.waitForSelector('[data-testid="gallery"]');
            await shot(page, '17-gallery-dark');
            await page.setViewportSize({ width: 900, height: 600 });
            await page.click('[data-testid="nav-library"]');
            await page.locator('[data-testid="doc-row"]').first().click();
            await page.waitForSelector('[data-testid="editor"] .ProseMirror h2');
            await page.waitForTimeout(500);
            await shot(page, '18-editor-small-window-dark');
            const v = await cspViolations(page);
            expect(v.length === 0, `no CSP violations (got ${v.join('; ')})`);
            expect(watch.problems.length === 0, `no errors (got ${watch.problems.join('; ')})`);
          },
        ],
      ]);
      await ctx.close();
    }

    // ── the writing assistant's settings ───────────────────────────────────────────────────
    // Off by default; turning it on shows the presets and a 本机 badge; "test connection"
    // fills the model picker from a real llama.cpp server when RECAP_LLM_PYTHON is set (as
    // `make test` does), else says clearly that nothing answers.
    {
      const watch: Watch = { problems: [] };
      const ctx = await browser.newContext({ viewport, colorScheme: 'light' });
      const page = await newPage(ctx, watch);
      const llm = await startLlm();
      try {
        await flow('writing assistant settings', [
          [
            'off by default, on shows presets and the 本机 badge',
            async () => {
              await freshStore();
              await page.goto(server.url);
              await page.click('[data-testid="nav-settings"]');
              await page.waitForSelector('[data-testid="assistant-settings"]');
              expect(!(await page.isChecked('[data-testid="assistant-enabled"]')), 'the assistant is off');
              expect((await page.locator('[data-testid="assistant-presets"]').count()) === 0, 'no presets while off');
              await page.locator('[data-testid="assistant-settings"] label.toggle').click();
              await page.waitForSelector('[data-testid="preset-ollama"][aria-checked="true"]');
              await page.waitForSelector('[data-testid="assistant-locality"] >> text=本机');
              await page.locator('[data-testid="assistant-settings"]').scrollIntoViewIfNeeded();
              await shot(page, '19-assistant-settings');
            },
          ],
          [
            llm ? 'test connection lists the real server\'s model' : 'test connection to nothing says so',
            async () => {
              await page.click('[data-testid="preset-llama-cpp"]');
              await page.waitForSelector('[data-testid="preset-llama-cpp"][aria-checked="true"]');
              if (llm) {
                await page.fill('[data-testid="assistant-url"]', llm.url);
                await page.locator('[data-testid="assistant-url"]').press('Tab');
                await page.waitForFunction((u) => (document.querySelector('[data-testid="assistant-url"]') as HTMLInputElement | null)?.value === u, llm.url);
              } else {
                await page.fill('[data-testid="assistant-url"]', 'http://127.0.0.1:9/v1');
                await page.locator('[data-testid="assistant-url"]').press('Tab');
              }
              await page.waitForTimeout(300);
              await page.click('[data-testid="assistant-test"]');
              if (llm) {
                await page.waitForSelector('[data-testid="assistant-model"] option[value="smollm2-135m-instruct"]', { state: 'attached', timeout: 20000 });
                const settings = (await bridgeRequest(bridge, '/api/assistant_settings', {})) as { prefs: { model: string } };
                expect(settings.prefs.model === 'smollm2-135m-instruct', `the model picked (${settings.prefs.model})`);
              } else {
                await page.waitForSelector('text=没有响应', { timeout: 20000 });
                // The failure is the expected one, not a page error.
                watch.problems.length = 0;
              }
              await shot(page, '20-assistant-tested');
            },
          ],
          [
            llm ? 'polish a paragraph: streamed diff, accept, one undo restores it' : 'no model picked: no 润色 button in the editor',
            async () => {
              await openDoc(page, '# 季度总结\n\n## 一、主要工作\n\n本季度签约 1860 万元，客户比较满意。\n');
              await page.waitForSelector('[data-testid="editor"] .ProseMirror > p');
              if (!llm) {
                await page.waitForTimeout(300);
                expect((await page.locator('[data-testid="assistant-polish"]').count()) === 0, 'no 润色 without a model');
                await page.click('[data-testid="nav-settings"]');
                await page.waitForSelector('[data-testid="assistant-settings"]');
                return;
              }
              const before = await blockText(page, 2);
              await page.locator('[data-testid="editor"] .ProseMirror > p').first().click({ clickCount: 3 });
              await page.click('[data-testid="assistant-polish"]');
              await page.waitForSelector('[data-testid="assistant-badge"] >> text=本机');
              await page.waitForSelector('[data-testid="assistant-accept"]:not([disabled])', { timeout: 90000 });
              await shot(page, '21-assistant-polish');
              await page.click('[data-testid="assistant-accept"]');
              await page.waitForSelector('[data-testid="assistant-panel"]', { state: 'detached' });
              const after = await blockText(page, 2);
              expect(after !== before, 'the answer replaced the paragraph');
              await page.keyboard.press('Control+z');
              await page.waitForFunction((b) => document.querySelector('[data-testid="editor"] .ProseMirror')?.children[2]?.textContent === b, before);
              await page.click('[data-testid="nav-settings"]');
              await page.waitForSelector('[data-testid="assistant-settings"]');
            },
          ],
          [
            '简⇄繁: the whole document converted, structure kept',
            async () => {
              await page.click('[data-testid="nav-library"]');
              await page.locator('[data-testid="doc-row"]').first().click();
              await page.waitForSelector('[data-testid="editor"] .ProseMirror > p');
              const h1 = (): Promise<string> => blockText(page, 0);
              expect((await h1()) === '季度总结', `the title in 简体 (${await h1()})`);
              await page.click('[data-testid="convert-script"]');
              for (let i = 0; i < 50 && (await h1()) !== '季度總結'; i++) await page.waitForTimeout(100);
              const toast = await page.evaluate(() => document.body.innerText.slice(0, 400));
              expect((await h1()) === '季度總結', `the title in 繁體 (${await h1()}; page: ${toast})`);
              expect((await blockText(page, 1)).includes('主要工作'), 'the heading converted and kept');
              await page.click('[data-testid="nav-settings"]');
              await page.waitForSelector('[data-testid="assistant-settings"]');
            },
          ],
          [
            'turned off again: the presets go',
            async () => {
              await page.locator('[data-testid="assistant-settings"] label.toggle').click();
              await page.waitForSelector('[data-testid="assistant-presets"]', { state: 'detached' });
              const v = await cspViolations(page);
              expect(v.length === 0, `no CSP violations (got ${v.join('; ')})`);
            },
          ],
        ]);
      } finally {
        llm?.stop();
        await ctx.close();
      }
    }
  } finally {
    await browser?.close();
    await server.close();
    await bridge.stop();
  }
}

main()
  .catch((e: unknown) => {
    failed += 1;
    failures.push(`runner: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    console.error(e);
  })
  .finally(() => {
    if (failures.length) console.log(`\nFailures:\n${failures.map((f) => `  ${f}`).join('\n')}`);
    console.log(`\nScreenshots: ${SHOTS}`);
    console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
    process.exitCode = failed > 0 ? 1 : 0;
  });
