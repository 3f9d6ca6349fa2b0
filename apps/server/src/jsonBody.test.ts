import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '@accord/api';
import { JsonDepthScanner } from './jsonBody.ts';
import { removeDir, startServer, tempDir, type RunningServer } from './test/helpers.ts';
import { spawnServer } from './test/child.ts';

let s: RunningServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s.stop();
});

/** The hostile file of the issue: ~19 MiB of `.tldr` whose records' `meta` are arrays nested 10 000 deep. */
function nestedImport(depth = 10_000, records = 950): string {
  const nested = '['.repeat(depth) + ']'.repeat(depth);
  const shape = (i: number) => `{"id":"shape:n${i}","typeName":"shape","type":"geo","parentId":"page:page","props":{},"meta":{"deep":${nested}}}`;
  return `{"file":{"tldrawFileFormatVersion":1,"schema":{"schemaVersion":2,"sequences":{}},"records":[${Array.from({ length: records }, (_, i) => shape(i)).join(',')}]}}`;
}

const post = (path: string, body: string) => fetch(`${s.http}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('JSON bodies are bounded before any expensive work', () => {
  it('[item 1] a 19 MiB .tldr of deeply nested meta is refused within a second (400 ACCORD_JSON_TOO_DEEP), before the rest of it is even sent, while /healthz stays fast', async () => {
    // The server in its own process, so its event loop is not this test's.
    const dir = tempDir();
    const child = await spawnServer(dir);
    const http = child.http;
    // Made before anything is timed: flattening a string this large takes this process a while.
    const body = Buffer.from(nestedImport());
    expect(body.length).toBeGreaterThan(18 * 1024 * 1024);
    // Warm: the first fetch of a process pays for loading its HTTP client.
    expect((await fetch(`${http}/healthz`)).status).toBe(200);
    let slowestHealth = 0;
    let polling = true;
    const health = (async () => {
      while (polling) {
        const t0 = performance.now();
        expect((await fetch(`${http}/healthz`)).status).toBe(200);
        slowestHealth = Math.max(slowestHealth, performance.now() - t0);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    // The first MiB goes out and the rest is held back: the answer must come without it.
    const t0 = performance.now();
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${http}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: text });
          req.destroy();
        });
      });
      req.on('error', (err) => (/EPIPE|ECONNRESET|socket hang up/.test(err.message) ? undefined : reject(err)));
      req.write(body.subarray(0, 1024 * 1024));
    });
    const elapsed = performance.now() - t0;
    polling = false;
    await health;
    child.proc.kill('SIGTERM');
    await child.exited;
    removeDir(dir);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'ACCORD_JSON_TOO_DEEP' });
    // Before the bound: 400 after 9.7 s, /healthz stalled 9.6 s. The margins absorb a busy machine.
    expect(elapsed).toBeLessThan(1000);
    expect(slowestHealth).toBeLessThan(1000);
  });

  it('refuses a too-deep body on every JSON route, and takes one at the limit', async () => {
    const deep = (depth: number) => `{"title":"t","x":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    const refused = await post('/api/boards', deep(MAX_JSON_DEPTH + 1));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: 'ACCORD_JSON_TOO_DEEP' });
    // At the limit the body is parsed, and the schema has its say (no `x` allowed).
    const parsed = await post('/api/boards', deep(MAX_JSON_DEPTH));
    expect(parsed.status).toBe(400);
    expect(await parsed.json()).toMatchObject({ code: 'FST_ERR_VALIDATION' });
  });

  it('still refuses what Fastify refused: bad JSON, an empty body, prototype poisoning; and takes a fine body', async () => {
    expect((await post('/api/boards', '{"title":')).status).toBe(400);
    expect((await post('/api/boards', '')).status).toBe(400);
    expect((await post('/api/boards', '{"title":"x","__proto__":{"polluted":true}}')).status).toBe(400);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect((await post('/api/boards', JSON.stringify({ title: 'Fine [ with { brackets in a "string" \\' }))).status).toBe(201);
  });

  it('refuses a body past the route limit while it is still arriving (413), without waiting for the rest', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${s.http}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
        req.destroy();
      });
      req.on('error', (err) => (err.message.includes('socket hang up') || err.message.includes('EPIPE') ? undefined : reject(err)));
      // 2 MiB sent, the request never ended: the answer must not wait for an end.
      req.write(`{"title":"${'x'.repeat(2 * 1024 * 1024)}`);
    });
    expect(status).toBe(413);
  });

  it('reads at most two imports at once; a third is told to come back (429 with Retry-After)', async () => {
    // Two imports that keep their bodies open hold both places.
    const open = [0, 1].map(() => {
      const req = request(`${s.http}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
      req.on('error', () => {});
      req.write('{"file":');
      return req;
    });
    await new Promise((r) => setTimeout(r, 200));
    const third = await post('/api/boards/import', '{"file":{}}');
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('5');
    expect(await third.json()).toMatchObject({ code: 'ACCORD_RATE_LIMITED' });
    for (const req of open) req.destroy();
    await new Promise((r) => setTimeout(r, 200));
    expect((await post('/api/boards/import', '{"file":{}}')).status).toBe(400);
  });
});

describe('JsonDepthScanner', () => {
  it('follows nesting across chunks split anywhere, ignoring brackets and escaped quotes inside strings', () => {
    const text = Buffer.from('{"a":"[[[\\"{{","b":[[{"c":"]]]"}]],"d":"\\\\"}');
    for (let cut = 0; cut <= text.length; cut++) {
      const scanner = new JsonDepthScanner();
      expect(scanner.scan(text.subarray(0, cut), 4) && scanner.scan(text.subarray(cut), 4)).toBe(true);
      expect(scanner.deepest).toBe(4);
      expect(new JsonDepthScanner().scan(text, 3)).toBe(false);
    }
  });
});
