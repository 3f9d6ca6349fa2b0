import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { build } from './app.ts';
import { removeDir, tempDir, testConfig } from './test/helpers.ts';
import { redactUrl, scrubSecrets } from './logger.ts';

describe('logs', () => {
  it('never contain capability tokens, from the query string or the Authorization header', async () => {
    const dir = tempDir();
    const stream = new PassThrough();
    let logs = '';
    stream.on('data', (c: Buffer) => (logs += c.toString()));
    const app = await build({ config: testConfig(dir, { LOG_LEVEL: 'debug' }), logStream: stream, webRoot: null });
    const created = (await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'secret board' } })).json();
    const token: string = created.tokens.facilitator;
    await app.inject({ url: `/api/boards/${created.id}`, headers: { authorization: `Bearer ${token}` } });
    await app.inject({ url: `/sync/${created.id}?token=${token}` });
    await app.inject({ url: `/sync/${created.id}/facilitation?x=1&token=${token}&y=2` });
    await app.close();
    removeDir(dir);
    expect(logs).toContain('[redacted]');
    expect(logs).toContain(created.id);
    expect(logs).not.toContain(token.split('.').pop());
  });

  it('[item 6] hold no token and no person key on any path: unknown /sync paths, a token in the path, errors, headers', async () => {
    const dir = tempDir();
    const stream = new PassThrough();
    let logs = '';
    stream.on('data', (c: Buffer) => (logs += c.toString()));
    const app = await build({ config: testConfig(dir, { LOG_LEVEL: 'trace' }), logStream: stream, webRoot: null });
    const created = (await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'secret board' } })).json();
    const token: string = created.tokens.facilitator;
    const personKey = 'k'.repeat(40);
    const mac = token.split('.').pop()!;
    await app.inject({ url: `/sync/${created.id}/a/b/c?token=${token}` });
    await app.inject({ url: `/sync/${token}?token=${token}&person=${personKey}` });
    await app.inject({ url: `/api/boards/${created.id}/nope/${token}`, headers: { authorization: `Bearer ${token}`, 'x-accord-person': personKey } });
    await app.inject({ url: `/api/boards/${created.id}`, headers: { authorization: `Bearer ${token}`, 'x-accord-person': personKey } });
    await app.inject({ url: `/sync/${created.id}?token=${token}&person=${personKey}`, headers: { 'x-forwarded-for': '203.0.113.9' } });
    await app.close();
    removeDir(dir);
    expect(logs).toContain('/a/b/c');
    expect(logs).not.toContain(mac);
    expect(logs).not.toContain(personKey);
    // The logged address is the socket's: X-Forwarded-For is not believed unless ACCORD_TRUST_PROXY says so.
    expect(logs).not.toContain('203.0.113.9');
  });

  it('scrubs token-shaped strings wherever they are in a line', () => {
    const token = `v1.board-123456.viewer.${'A'.repeat(43)}`;
    expect(scrubSecrets(`{"msg":"No route for GET /x/${token}/y"}`)).toBe('{"msg":"No route for GET /x/v1.board-123456.viewer.[redacted]/y"}');
    expect(scrubSecrets('{"url":"/sync/b?person=abc&x=1"}')).toBe('{"url":"/sync/b?person=[redacted]&x=1"}');
  });

  it('redacts every token parameter of a URL', () => {
    expect(redactUrl('/sync/abc?token=v1.x.y.z')).toBe('/sync/abc?token=[redacted]');
    expect(redactUrl('/a?b=1&token=t&c=2')).toBe('/a?b=1&token=[redacted]&c=2');
    expect(redactUrl('/a?b=1')).toBe('/a?b=1');
  });
});
