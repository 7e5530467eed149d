// A tiny static server for ui/dist on a free loopback port, sending the desktop app's CSP so
// the browser test runs under the same rules as the Tauri window. The page's /api calls go on
// to the development bridge (the real engine) with the bridge's token, which the page never
// sees.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export async function serve(dir: string, bridge: { url: string; token: string }): Promise<{ url: string; close: () => Promise<void> }> {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) throw new Error(`${root}/index.html is missing: build first`);
  const target = new URL(bridge.url);
  const server: Server = createServer((req, res) => {
    if ((req.url ?? '').startsWith('/api/') && req.method === 'POST') {
      const fwd = request(
        {
          host: target.hostname,
          port: target.port,
          path: req.url,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-recap-token': bridge.token },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
          answer.pipe(res);
        },
      );
      fwd.on('error', (e) => res.writeHead(502).end(String(e)));
      req.pipe(fwd);
      return;
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
