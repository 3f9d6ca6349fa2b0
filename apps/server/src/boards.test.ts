import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { build } from './app.ts';
import { removeDir, tempDir, testConfig, type Tokens } from './test/helpers.ts';
import { signToken } from './tokens.ts';

let app: FastifyInstance;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  app = await build({ config: testConfig(dir), logger: false, webRoot: null });
});
afterAll(async () => {
  await app.close();
  removeDir(dir);
});

async function create(title = 'Q3 planning'): Promise<{ id: string; tokens: Tokens; links: Tokens; createdAt: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/boards', payload: { title } });
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('GET /healthz', () => {
  it('answers ok', async () => {
    const res = await app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
  });
});

describe('POST /api/boards', () => {
  it('creates a board with three role tokens and fragment links', async () => {
    const body = await create('  Retro  ');
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{10,64}$/);
    expect(new Date(body.createdAt).getTime()).toBeGreaterThan(0);
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      expect(body.tokens[role]).toContain(`.${role}.`);
      expect(body.links[role].endsWith(`/b/${body.id}#t=${body.tokens[role]}`)).toBe(true);
    }
    const get = await app.inject({ url: `/api/boards/${body.id}`, headers: { authorization: `Bearer ${body.tokens.participant}` } });
    expect(get.json()).toMatchObject({ id: body.id, title: 'Retro', role: 'participant' });
  });

  it.each([
    [{}, 'missing title'],
    [{ title: '' }, 'empty title'],
    [{ title: '   ' }, 'blank title'],
    [{ title: 'x'.repeat(201) }, 'title over 200'],
    [{ title: 42 }, 'title not a string'],
    [{ title: 'ok', extra: 1 }, 'unknown field'],
    [{ title: 'ok', template: '../etc' }, 'malformed template id'],
    [{ title: 'ok', template: 'no-such-template' }, 'unknown template'],
  ] as Array<[unknown, string]>)('rejects %j with 400 (%s)', async (payload) => {
    const res = await app.inject({ method: 'POST', url: '/api/boards', payload: payload as object });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(typeof res.json().code).toBe('string');
  });

  it('records the template a board starts from', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'Workshop', template: 'needs-vs-positions' } });
    expect(res.statusCode).toBe(201);
    const got = await app.inject({ url: `/api/boards/${res.json().id}`, headers: { authorization: `Bearer ${res.json().tokens.viewer}` } });
    expect(got.json().template).toBe('needs-vs-positions');
  });

  it('rejects a body that is not JSON with 400', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/boards', payload: '{"title":', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
  });
});

describe('GET /api/boards/:id access', () => {
  it('answers 400 for a malformed id, 401 without a token or with one not shaped like a token, 403 for a weaker role, and one 404 for everything else', async () => {
    const a = await create('A');
    const get = (id: string, token?: string) =>
      app.inject({ url: `/api/boards/${id}`, headers: token ? { authorization: `Bearer ${token}` } : {} });

    expect((await get('short', a.tokens.viewer)).statusCode).toBe(400);
    expect((await get('has.dots.in.it.x', a.tokens.viewer)).statusCode).toBe(400);
    const missing = await get(a.id);
    expect(missing.statusCode).toBe(401);
    expect(missing.json().code).toBe('ACCORD_TOKEN_MISSING');
    expect((await get(a.id, 'garbage')).json()).toMatchObject({ statusCode: 401, code: 'ACCORD_TOKEN_INVALID' });
    expect((await get(a.id, a.tokens.facilitator)).json().role).toBe('facilitator');
  });

  it('[item 9] an unknown board and a token not valid for a board answer alike: same status, code and message', async () => {
    const a = await create('Known');
    const b = await create('Other');
    const answer = async (id: string, token: string) => {
      const res = await app.inject({ url: `/api/boards/${id}`, headers: { authorization: `Bearer ${token}` } });
      return { status: res.statusCode, body: res.json() };
    };
    const unknownId = 'unknownBoard123';
    const unknown = await answer(unknownId, a.tokens.viewer.replace(a.id, unknownId));
    expect(unknown).toMatchObject({ status: 404, body: { code: 'ACCORD_BOARD_NOT_FOUND' } });
    const forged = signToken(Buffer.from('another-secret-another-secret-another'), a.id, 'facilitator', 'salt');
    const cases = [
      forged,
      // A token whose role was swapped keeps the MAC of the other role.
      a.tokens.viewer.replace('.viewer.', '.facilitator.'),
      `${a.tokens.viewer.slice(0, -4)}AAAA`,
      // A genuine token of another board, on this board and on an unknown one.
      b.tokens.facilitator,
    ];
    for (const token of cases) expect(await answer(a.id, token)).toEqual(unknown);
    expect(await answer(unknownId, b.tokens.facilitator)).toEqual(unknown);
  });

  it('keeps 403 for a genuine token of a weaker role', async () => {
    const a = await create('Roles');
    const res = await app.inject({ method: 'PATCH', url: `/api/boards/${a.id}`, headers: { authorization: `Bearer ${a.tokens.participant}` }, payload: { title: 'x' } });
    expect(res.json()).toMatchObject({ statusCode: 403, code: 'ACCORD_FORBIDDEN' });
  });
});

describe('GET /api/boards/:id/links', () => {
  it('gives each role its own link and the weaker ones, never a stronger one', async () => {
    const a = await create('Links');
    const links = async (token: string) => (await app.inject({ url: `/api/boards/${a.id}/links`, headers: { authorization: `Bearer ${token}` } })).json();
    expect(Object.keys((await links(a.tokens.facilitator)).tokens).sort()).toEqual(['facilitator', 'participant', 'viewer']);
    const p = await links(a.tokens.participant);
    expect(Object.keys(p.tokens).sort()).toEqual(['participant', 'viewer']);
    expect(p.tokens.participant).toBe(a.tokens.participant);
    expect(Object.keys((await links(a.tokens.viewer)).tokens)).toEqual(['viewer']);
  });
});

describe('PATCH /api/boards/:id', () => {
  it('lets the facilitator rename and refuses others with 403', async () => {
    const a = await create('Old');
    const patch = (token: string, title: unknown) =>
      app.inject({ method: 'PATCH', url: `/api/boards/${a.id}`, headers: { authorization: `Bearer ${token}` }, payload: { title } });
    expect((await patch(a.tokens.participant, 'New')).statusCode).toBe(403);
    expect((await patch(a.tokens.facilitator, '')).statusCode).toBe(400);
    const ok = await patch(a.tokens.facilitator, 'New');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().title).toBe('New');
  });
});

describe('runtime config', () => {
  it('serves the tldraw licence key without a rebuild', async () => {
    const d = tempDir();
    const withKey = await build({ config: testConfig(d, { TLDRAW_LICENSE_KEY: 'tldraw-key-123' }), logger: false, webRoot: null });
    expect((await withKey.inject('/api/config')).json()).toEqual({ tldrawLicenseKey: 'tldraw-key-123' });
    await withKey.close();
    removeDir(d);
    expect((await app.inject('/api/config')).json()).toEqual({ tldrawLicenseKey: null });
  });

  it('answers unknown API routes with 404 in the error shape', async () => {
    const res = await app.inject('/api/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ statusCode: 404, code: 'ACCORD_NOT_FOUND' });
  });
});
