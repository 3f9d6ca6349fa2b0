import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { build } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { removeDir, startServer, tempDir, testConfig, type RunningServer } from './test/helpers.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function app(env: NodeJS.ProcessEnv = {}) {
  const dir = tempDir();
  const web = tempDir('accord-web-');
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Accord</title>');
  const a = await build({ config: testConfig(dir, env), logger: false, webRoot: web });
  cleanups.push(async () => {
    await a.close();
    removeDir(dir);
    removeDir(web);
  });
  return a;
}

async function server(env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const s = await startServer({ env });
  cleanups.push(() => s.stop());
  return s;
}

describe('[item 4] security headers on every response', () => {
  it('the HTML, the API, a 404 and an error all carry CSP, frame denial, nosniff and no-referrer; no HSTS on http', async () => {
    const a = await app();
    for (const url of ['/b/abcdefghijkl', '/api/config', '/api/nope', '/api/boards/unknownBoard123']) {
      const res = await a.inject(url);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("img-src 'self' data: blob:");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/https?:\/\//);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('embedding and remote images only when settings allow them; HSTS when the public URL is https', async () => {
    const a = await app({ ACCORD_FRAME_ANCESTORS: 'https://intranet.example.com', ACCORD_IMAGE_SOURCES: 'https:', ACCORD_PUBLIC_URL: 'https://accord.example.com' });
    const res = await a.inject('/b/abcdefghijkl');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain('frame-ancestors https://intranet.example.com');
    expect(csp).toContain("img-src 'self' data: blob: https:");
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['strict-transport-security']).toBe('max-age=15552000');
  });

  it('settings that are not origins stop the server with one clear line', () => {
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    expect(() => loadConfig({ ACCORD_DATA_DIR: dir, ACCORD_FRAME_ANCESTORS: '*' })).toThrow(/^ACCORD_FRAME_ANCESTORS must list origins/);
    expect(() => loadConfig({ ACCORD_DATA_DIR: dir, ACCORD_IMAGE_SOURCES: 'https://x.example/path' })).toThrow(ConfigError);
    expect(() => loadConfig({ ACCORD_DATA_DIR: dir, ACCORD_TRUST_PROXY: 'the proxy' })).toThrow(/^ACCORD_TRUST_PROXY must be/);
    expect(loadConfig({ ACCORD_DATA_DIR: dir, ACCORD_TRUST_PROXY: '10.0.0.0/8, ::1' }).trustProxy).toEqual(['10.0.0.0/8', '::1']);
    expect(loadConfig({ ACCORD_DATA_DIR: dir }).trustProxy).toBe(false);
  });
});

/** The status of a websocket upgrade sent with these headers: 101 when upgraded. */
function upgrade(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.on('error', reject);
  });
}

describe('[item 4] websocket upgrades check Origin', () => {
  it('without ACCORD_PUBLIC_URL: the page must come from the Host it connects to; other origins and null get 403', async () => {
    const s = await server();
    const board = await s.createBoard();
    const url = `${s.ws}/${board.id}?token=${board.tokens.viewer}`;
    expect(await upgrade(url, { origin: `http://127.0.0.1:${s.port}` })).toBe(101);
    expect(await upgrade(url, {})).toBe(101);
    expect(await upgrade(url, { origin: 'http://evil.example' })).toBe(403);
    expect(await upgrade(url, { origin: 'null' })).toBe(403);
    expect(await upgrade(url, { origin: `http://127.0.0.1:${s.port + 1}` })).toBe(403);
  });

  it('with ACCORD_PUBLIC_URL: only that origin', async () => {
    const s = await server({ ACCORD_PUBLIC_URL: 'https://accord.example.com' });
    const board = await s.createBoard();
    const url = `${s.ws}/${board.id}/facilitation?token=${board.tokens.viewer}`;
    expect(await upgrade(url, { origin: 'https://accord.example.com' })).toBe(101);
    expect(await upgrade(url, { origin: `http://127.0.0.1:${s.port}` })).toBe(403);
    expect(await upgrade(url, { origin: 'http://accord.example.com' })).toBe(403);
  });
});

describe('[item 5] proxies and share links', () => {
  const create = (s: RunningServer, headers: Record<string, string>) =>
    fetch(`${s.http}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"title":"links"}' }).then((r) => r.json() as Promise<{ links: { viewer: string } }>);

  it('X-Forwarded-Host does not rewrite share links unless the proxy is trusted; ACCORD_PUBLIC_URL wins over both', async () => {
    const forwarded = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    const plain = await server();
    expect((await create(plain, forwarded)).links.viewer.startsWith(`http://127.0.0.1:${plain.port}/b/`)).toBe(true);
    const trusting = await server({ ACCORD_TRUST_PROXY: '127.0.0.1' });
    expect((await create(trusting, forwarded)).links.viewer.startsWith('https://evil.example/b/')).toBe(true);
    const pinned = await server({ ACCORD_TRUST_PROXY: '127.0.0.1', ACCORD_PUBLIC_URL: 'https://accord.example.com' });
    expect((await create(pinned, forwarded)).links.viewer.startsWith('https://accord.example.com/b/')).toBe(true);
  });
});
