import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { build } from './app.ts';
import { removeDir, tempDir, testConfig } from './test/helpers.ts';
import { MAX_ASSET_BYTES } from '@accord/api';

let app: FastifyInstance;
let dir: string;
let board: { id: string; tokens: { facilitator: string; participant: string; viewer: string } };
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b1c5d50000000049454e44ae426082', 'hex');

beforeAll(async () => {
  dir = tempDir();
  app = await build({ config: testConfig(dir), logger: false, webRoot: null });
  board = (await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'assets' } })).json();
});
afterAll(async () => {
  await app.close();
  removeDir(dir);
});

const upload = (token: string | null, body: Buffer, type = 'image/png') =>
  app.inject({ method: 'POST', url: `/api/boards/${board.id}/assets`, payload: body, headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) } });

describe('image assets', () => {
  it('stores an uploaded PNG and serves it back with a safe content type', async () => {
    const res = await upload(board.tokens.participant, PNG);
    expect(res.statusCode).toBe(201);
    const { url, contentType } = res.json();
    expect(contentType).toBe('image/png');
    const got = await app.inject(url);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.rawPayload.equals(PNG)).toBe(true);
  });

  it('judges the type by the bytes: HTML labelled as an image is refused with 415', async () => {
    const res = await upload(board.tokens.participant, Buffer.from('<script>alert(1)</script>'), 'image/png');
    expect(res.statusCode).toBe(415);
    const svg = await upload(board.tokens.participant, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml');
    expect(svg.statusCode).toBe(415);
  });

  it('refuses oversized uploads with 413, viewers with 403 and anonymous uploads with 401', async () => {
    const big = await upload(board.tokens.participant, Buffer.alloc(MAX_ASSET_BYTES + 1, 1));
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'ACCORD_TOO_LARGE', error: 'Payload Too Large', message: "The request body is over this route's limit of 10 MiB" });
    expect((await upload(board.tokens.viewer, PNG)).statusCode).toBe(403);
    expect((await upload(null, PNG)).statusCode).toBe(401);
    expect((await app.inject(`/api/boards/${board.id}/assets/doesNotExist1`)).statusCode).toBe(404);
  });
});
