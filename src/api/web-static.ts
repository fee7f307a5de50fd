import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import type { AppEnv } from './env.js';
import { errorBody } from './errors.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/**
 * The UI's Content-Security-Policy: everything from this origin; MapLibre runs its workers from blob: URLs and
 * draws images from data: and blob: URLs; React and MapLibre set inline styles.
 */
export const UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self' data: blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A file under `dir`, or undefined: plain names only (no separators, no leading dot). */
function fileIn(dir: string, name: string): string | undefined {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name)) return undefined;
  const path = join(dir, name);
  return existsSync(path) && statSync(path).isFile() ? path : undefined;
}

/**
 * The built web UI (issue 7; `npm run build:web`): `GET /` is index.html (revalidated on every load), and
 * `GET /assets/NAME` the content-hashed files Vite writes (cached for a year). Nothing else: the UI routes with
 * `#/...`, so there is no fallback to index.html.
 */
export function webStatic(root: string) {
  const dir = resolve(root);
  const assets = join(dir, 'assets');
  const send = (c: Context<AppEnv>, path: string, cache: string, extra: Record<string, string> = {}) =>
    c.body(Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>, 200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'content-length': String(statSync(path).size),
      'cache-control': cache,
      'x-content-type-options': 'nosniff',
      ...extra,
    });
  const missing = (c: Context<AppEnv>) =>
    c.json(errorBody('NOT_FOUND', `no file ${c.req.path} in the web UI build`), 404);
  return {
    index(c: Context<AppEnv>) {
      const path = fileIn(dir, 'index.html');
      return path
        ? send(c, path, 'no-cache', { 'content-security-policy': UI_CSP, 'referrer-policy': 'no-referrer' })
        : missing(c);
    },
    asset(c: Context<AppEnv>) {
      const path = fileIn(assets, c.req.param('name') ?? '');
      return path ? send(c, path, 'public, max-age=31536000, immutable') : missing(c);
    },
  };
}
