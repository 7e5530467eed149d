// The development bridge (crates/bridge) for tests: started as a child process on a free
// loopback port with a temporary store, read from its first line of output, stopped when the
// test run ends (it also exits by itself when our end of its stdin closes).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface Bridge {
  url: string;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** The bridge binary: `RECAP_BRIDGE`, else the debug build in Cargo's target folder. */
export function bridgeBinary(): string {
  const fromEnv = process.env['RECAP_BRIDGE'];
  if (fromEnv) return fromEnv;
  const target = process.env['CARGO_TARGET_DIR'] ?? join(homedir(), '.cache/recap/target');
  return join(target, 'debug', 'recap-bridge');
}

export async function startBridge(opts: { today?: string } = {}): Promise<Bridge> {
  const bin = bridgeBinary();
  if (!existsSync(bin)) throw new Error(`${bin} is missing: build it with \`cargo build -p recap-bridge\` (make test does)`);
  const args = ['--watch-stdin', ...(opts.today ? ['--today', opts.today] : [])];
  const child: ChildProcess = spawn(bin, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const stdout = child.stdout;
  if (!stdout) throw new Error('the bridge has no stdout');
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    lines.once('line', (l) => resolve(l));
    child.once('exit', (code) => reject(new Error(`the bridge exited (${code}) before it listened`)));
    child.once('error', reject);
  });
  const info = JSON.parse(first) as { url: string; token: string; data_dir: string };
  return {
    url: info.url,
    token: info.token,
    dataDir: info.data_dir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.stdin?.end();
      }),
  };
}

/** A test's own request to the bridge (`/test/<what>`), or an operation (`/api/<op>`). */
export async function bridgeRequest(b: { url: string; token: string }, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${b.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', 'x-recap-token': b.token },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  const answer = text ? (JSON.parse(text) as unknown) : null;
  // An operation answers {ok} or {err}; a test's own request answers its value.
  if (path.startsWith('/api/') && typeof answer === 'object' && answer !== null) {
    if ('err' in answer) throw new Error(`${path}: ${JSON.stringify((answer as { err: unknown }).err)}`);
    return (answer as { ok?: unknown }).ok ?? null;
  }
  return answer;
}
