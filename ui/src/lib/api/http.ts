// The Api in a plain browser (`vite dev`, the Playwright journeys): the same operations over
// HTTP to the development bridge (crates/bridge), which runs them on the real engine. The page
// calls its own origin (`/api/<op>`); the dev server or the test server forwards the call to
// the bridge with its token, so the page never holds it. (Unit tests, outside a page, call
// the bridge directly with `base` and the token in `headers`.)
import { bindApi, type Api } from './contract';
import { isApiError, transportError } from './types';

export function createHttpApi(base = '', headers: Record<string, string> = {}): Api {
  return bindApi(async (op, args) => {
    let res: Response;
    try {
      res = await fetch(`${base}/api/${op}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(args),
      });
    } catch (e) {
      throw transportError(e);
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    // The bridge answers `{ok}` or `{err}` (the engine's refusal is an answer, as over IPC);
    // anything else is the way there failing.
    if (res.ok && typeof body === 'object' && body !== null) {
      if ('ok' in body) return (body as { ok: unknown }).ok;
      const err = (body as { err?: unknown }).err;
      if (isApiError(err)) throw err;
    }
    throw transportError(`${res.status} ${text}`);
  });
}
