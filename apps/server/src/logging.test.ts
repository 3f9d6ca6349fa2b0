import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { build } from './app.ts';
import { removeDir, tempDir, testConfig } from './test/helpers.ts';
import { redactUrl } from './logger.ts';

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

  it('redacts every token parameter of a URL', () => {
    expect(redactUrl('/sync/abc?token=v1.x.y.z')).toBe('/sync/abc?token=[redacted]');
    expect(redactUrl('/a?b=1&token=t&c=2')).toBe('/a?b=1&token=[redacted]&c=2');
    expect(redactUrl('/a?b=1')).toBe('/a?b=1');
  });
});
