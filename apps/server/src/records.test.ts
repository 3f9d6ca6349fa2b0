import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import * as Y from 'yjs';
import { createTLSchema, type TLRecord } from 'tldraw';
import { readRecords, readSession, updateSession, writeBoardRecords } from '@accord/board';
import { decisionRecordErrors } from '@accord/record';
import { connectClient, removeDir, startServer, tempDir, waitFor, waitSynced, type RunningServer, type Tokens } from './test/helpers.ts';
import { note, recordsOf } from './test/board.ts';
import { chainLink, decodeSnapshot, sha256Hex } from './recordChain.ts';

const SECRET = 'test-secret-test-secret-test-secret!';
const schema = createTLSchema();

let s: RunningServer;
let dir: string;
const cleanups: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  dir = tempDir();
  s = await startServer({ dataDir: dir });
});
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
afterAll(async () => {
  await s.stop();
  removeDir(dir);
});

interface Summary {
  id: string;
  boardId: string;
  seq: number;
  title: string;
  createdAt: string;
  hash: string;
  prevHash: string | null;
  bodyHash: string;
  snapshotHash: string;
}
interface View extends Summary {
  decision: Record<string, unknown>;
  markdown: string;
}
interface Head {
  seq: number;
  hash: string;
  signature: string;
}
type Verify = { ok: true; count: number; head: Head | null } | { ok: false; count: number; brokenAt: { seq: number; id: string | null; reason: string } };

function api(path: string, token: string | null, init: { method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${s.http}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

async function json<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

const bytes = async (res: Response) => {
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
};

function record(board: { id: string; tokens: Tokens }, body: Record<string, unknown> = {}) {
  return api(`/api/boards/${board.id}/records`, board.tokens.facilitator, { method: 'POST', body: { title: 'Ship on Tuesday', decision: 'We ship the beta on Tuesday.', ...body } });
}

const verify = async (boardId: string, token: string, head?: Head) =>
  json<Verify>(await api(`/api/boards/${boardId}/records/verify${head ? `?seq=${head.seq}&hash=${head.hash}&signature=${head.signature}` : ''}`, token));

/** A board with two notes and a facilitation session, written through stock y-websocket clients. */
async function boardWithContent(title = 'Planning') {
  const board = await s.createBoard(title);
  const content = connectClient(s.ws, board.id, board.tokens.facilitator);
  const facilitation = connectClient(s.ws, `${board.id}/facilitation`, board.tokens.facilitator);
  cleanups.push(() => content.provider.destroy(), () => facilitation.provider.destroy());
  await Promise.all([waitSynced(content.provider), waitSynced(facilitation.provider)]);
  writeBoardRecords(content.doc, [note('one', 'First idea'), note('two', 'Second idea', 200)], schema);
  updateSession(facilitation.doc, { agendaStep: 'decide' });
  // R2: once another client has it, storage has it.
  const watcher = connectClient(s.ws, board.id, board.tokens.viewer);
  const facWatcher = connectClient(s.ws, `${board.id}/facilitation`, board.tokens.viewer);
  cleanups.push(() => watcher.provider.destroy(), () => facWatcher.provider.destroy());
  await waitFor(() => readRecords(watcher.doc).length === 2 && readSession(facWatcher.doc).agendaStep === 'decide', 'content stored');
  return { ...board, content };
}

/** Runs SQL against the server's SQLite file, as someone with access to the disk could. */
function tamper(sql: string, ...params: unknown[]): void {
  const db = new Database(join(dir, 'accord.db'));
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

const sign = (boardId: string, seq: number, hash: string) => createHmac('sha256', SECRET).update(`accord-record-head:v1:${boardId}:${seq}:${hash}`).digest('hex');

describe('POST /api/boards/:id/records — who may record, what is accepted', () => {
  it('only a facilitator records: participant and viewer 403, no token 401, forged 401, unknown board 404', async () => {
    const board = await s.createBoard();
    const body = { title: 'T', decision: 'D' };
    const post = (token: string | null, id = board.id) => api(`/api/boards/${id}/records`, token, { method: 'POST', body });
    expect(await json(await post(board.tokens.participant), 403)).toMatchObject({ code: 'ACCORD_FORBIDDEN' });
    expect(await json(await post(board.tokens.viewer), 403)).toMatchObject({ code: 'ACCORD_FORBIDDEN' });
    expect(await json(await post(null), 401)).toMatchObject({ code: 'ACCORD_TOKEN_MISSING' });
    expect((await post(board.tokens.facilitator.slice(0, -2) + 'AA')).status).toBe(401);
    expect(await json(await post(board.tokens.facilitator, 'NoSuchBoard123'), 404)).toMatchObject({ code: 'ACCORD_BOARD_NOT_FOUND' });
    expect((await json<{ records: unknown[] }>(await api(`/api/boards/${board.id}/records`, board.tokens.viewer))).records).toEqual([]);
  });

  it.each([
    ['empty body', {}],
    ['no decision', { title: 'T' }],
    ['no title', { decision: 'D' }],
    ['empty title', { title: '', decision: 'D' }],
    ['blank title', { title: '   ', decision: 'D' }],
    ['title over 200', { title: 'x'.repeat(201), decision: 'D' }],
    ['decision over 5000', { title: 'T', decision: 'x'.repeat(5001) }],
    ['owner over 200', { title: 'T', decision: 'D', owner: 'x'.repeat(201) }],
    ['owner not a string', { title: 'T', decision: 'D', owner: 7 }],
    ['review date not YYYY-MM-DD', { title: 'T', decision: 'D', reviewDate: '2025-1-5' }],
    ['review date not a day', { title: 'T', decision: 'D', reviewDate: '2025-02-30' }],
    ['review month 13', { title: 'T', decision: 'D', reviewDate: '2025-13-01' }],
    ['unknown field', { title: 'T', decision: 'D', extra: true }],
  ] as Array<[string, object]>)('400 for a body with %s', async (_what, body) => {
    const board = await s.createBoard();
    const res = await api(`/api/boards/${board.id}/records`, board.tokens.facilitator, { method: 'POST', body });
    expect(await json(res, 400)).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect((await json<{ records: unknown[] }>(await api(`/api/boards/${board.id}/records`, board.tokens.viewer))).records).toEqual([]);
  });

  it('accepts the optional owner and review date, and nulls', async () => {
    const board = await s.createBoard();
    await json(await record(board, { owner: 'Dana', reviewDate: '2028-02-29' }), 201);
    await json(await record(board, { owner: null, reviewDate: null }), 201);
  });
});

describe('a decision record', () => {
  it('is answered in full, listed, read as JSON, Markdown and snapshot bytes', async () => {
    const board = await boardWithContent('Q3 planning');
    const created = await json<View>(await record(board, { title: 'Ship on Tuesday', owner: 'Dana', reviewDate: '2030-01-15' }), 201);
    expect(created).toMatchObject({ boardId: board.id, seq: 1, title: 'Ship on Tuesday', prevHash: null });
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(created.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(decisionRecordErrors(created.decision)).toEqual([]);
    expect(created.decision).toMatchObject({ version: 1, boardId: board.id, boardTitle: 'Q3 planning', recordedAt: created.createdAt, title: 'Ship on Tuesday', statement: 'We ship the beta on Tuesday.', owner: 'Dana', reviewDate: '2030-01-15' });
    // Read from the board as storage held it: both notes are in the record and its Markdown.
    expect(JSON.stringify(created.decision)).toContain('First idea');
    expect(created.markdown).toContain('Second idea');
    expect(created.markdown).toContain('Ship on Tuesday');
    expect(created.markdown).toContain('We ship the beta on Tuesday.');
    expect(Math.abs(Date.parse(created.createdAt) - Date.now())).toBeLessThan(60_000);

    const list = await json<{ records: Summary[]; head: Head }>(await api(`/api/boards/${board.id}/records`, board.tokens.participant));
    const { decision: _d, markdown: _m, ...summary } = created;
    expect(list.records).toEqual([summary]);
    expect(list.head).toEqual({ seq: 1, hash: created.hash, signature: sign(board.id, 1, created.hash) });

    expect(await json<View>(await api(`/api/boards/${board.id}/records/${created.id}`, board.tokens.viewer))).toEqual(created);

    const md = await api(`/api/boards/${board.id}/records/${created.id}.md`, board.tokens.viewer);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toBe('attachment; filename="decision-1-ship-on-tuesday.md"');
    expect(await md.text()).toBe(created.markdown);

    const content = await bytes(await api(`/api/boards/${board.id}/records/${created.id}/snapshot`, board.tokens.viewer));
    expect(recordsOf(content).map((r) => r.id)).toEqual(['shape:one', 'shape:two']);
    const facDoc = new Y.Doc();
    Y.applyUpdate(facDoc, await bytes(await api(`/api/boards/${board.id}/records/${created.id}/snapshot?doc=facilitation`, board.tokens.viewer)));
    expect(readSession(facDoc).agendaStep).toBe('decide');
  });

  it('answers 404 for an unknown record, 400 for a malformed id or doc, 401 without a token', async () => {
    const board = await boardWithContent();
    const rec = await json<View>(await record(board), 201);
    const t = board.tokens.viewer;
    for (const path of ['AAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAA.md', 'AAAAAAAAAAAAAAAA/snapshot']) {
      expect(await json(await api(`/api/boards/${board.id}/records/${path}`, t), 404)).toMatchObject({ code: 'ACCORD_RECORD_NOT_FOUND' });
    }
    expect(await json(await api(`/api/boards/${board.id}/records/AAAAAAAAAAAAAAAA/restore`, t, { method: 'POST' }), 404)).toMatchObject({ code: 'ACCORD_RECORD_NOT_FOUND' });
    expect((await api(`/api/boards/${board.id}/records/bad.id`, t)).status).toBe(400);
    expect((await api(`/api/boards/${board.id}/records/${rec.id}/snapshot?doc=votes`, t)).status).toBe(400);
    expect((await api(`/api/boards/${board.id}/records/${rec.id}`, null)).status).toBe(401);
    expect((await api(`/api/boards/${board.id}/records/${rec.id}.md`, null)).status).toBe(401);
    expect((await api(`/api/boards/${board.id}/state`, null)).status).toBe(401);
    // A token of another board cannot read this board's records.
    const other = await s.createBoard();
    expect((await api(`/api/boards/${board.id}/records/${rec.id}`, other.tokens.facilitator)).status).toBe(403);
  });

  it('stores body, snapshot and hashes as documented', async () => {
    const board = await boardWithContent();
    const rec = await json<View>(await record(board), 201);
    const db = new Database(join(dir, 'accord.db'), { readonly: true });
    const row = db.prepare('SELECT * FROM records WHERE board_id = ? AND id = ?').get(board.id, rec.id) as { body: string; snapshot: Buffer; body_hash: string; snapshot_hash: string; hash: string };
    db.close();
    const body = JSON.parse(row.body) as Record<string, unknown>;
    expect(body).toMatchObject({ v: 1, id: rec.id, boardId: board.id, seq: 1, createdAt: rec.createdAt, title: rec.title, markdown: rec.markdown });
    expect(body.decision).toEqual(rec.decision);
    expect(row.body_hash).toBe(sha256Hex(row.body));
    expect(row.snapshot_hash).toBe(sha256Hex(row.snapshot));
    const link = chainLink(board.id, 1, null, row.body, row.snapshot);
    expect(row.hash).toBe(link.hash);
    const parts = decodeSnapshot(row.snapshot);
    expect(recordsOf(parts.content)).toHaveLength(2);
  });

  it('records a board nobody has written: empty rooms, snapshots that apply as empty docs', async () => {
    const board = await s.createBoard();
    const rec = await json<View>(await record(board), 201);
    for (const q of ['', '?doc=facilitation']) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await bytes(await api(`/api/boards/${board.id}/records/${rec.id}/snapshot${q}`, board.tokens.viewer)));
      expect(readRecords(doc)).toEqual([]);
    }
    const state = new Y.Doc();
    Y.applyUpdate(state, await bytes(await api(`/api/boards/${board.id}/state`, board.tokens.viewer)));
    expect(readRecords(state)).toEqual([]);
  });

  it('is frozen: edits after recording are in /state but not in the snapshot', async () => {
    const board = await boardWithContent();
    const rec = await json<View>(await record(board), 201);
    writeBoardRecords(board.content.doc, [note('three', 'Added later', 400)], schema);
    const watcher = connectClient(s.ws, board.id, board.tokens.viewer);
    cleanups.push(() => watcher.provider.destroy());
    await waitFor(() => readRecords(watcher.doc).length === 3, 'later edit broadcast');

    const now = recordsOf(await bytes(await api(`/api/boards/${board.id}/state`, board.tokens.viewer))).map((r) => r.id);
    expect(now).toEqual(['shape:one', 'shape:three', 'shape:two']);
    const then = recordsOf(await bytes(await api(`/api/boards/${board.id}/records/${rec.id}/snapshot`, board.tokens.viewer))).map((r) => r.id);
    expect(then).toEqual(['shape:one', 'shape:two']);
    expect((await json<View>(await api(`/api/boards/${board.id}/records/${rec.id}`, board.tokens.viewer))).markdown).toBe(rec.markdown);
  });
});

describe('the hash chain', () => {
  async function threeRecords() {
    const board = await boardWithContent();
    const recs: View[] = [];
    for (const title of ['First', 'Second', 'Third']) {
      recs.push(await json<View>(await record(board, { title }), 201));
      writeBoardRecords(board.content.doc, [note(title.toLowerCase(), title)], schema);
    }
    return { board, recs };
  }

  it('links prevHash to the previous hash; verify is ok and returns the signed head', async () => {
    const { board, recs } = await threeRecords();
    expect(recs.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(recs[0]!.prevHash).toBeNull();
    expect(recs[1]!.prevHash).toBe(recs[0]!.hash);
    expect(recs[2]!.prevHash).toBe(recs[1]!.hash);
    const head = { seq: 3, hash: recs[2]!.hash, signature: sign(board.id, 3, recs[2]!.hash) };
    expect(await verify(board.id, board.tokens.viewer)).toEqual({ ok: true, count: 3, head });
    expect(await verify(board.id, board.tokens.viewer, head)).toEqual({ ok: true, count: 3, head });
    // A head kept from earlier still checks out after more records.
    const older = { seq: 1, hash: recs[0]!.hash, signature: sign(board.id, 1, recs[0]!.hash) };
    expect((await verify(board.id, board.tokens.viewer, older)).ok).toBe(true);
  });

  it('verify is a route of its own, not a record id; a board without records verifies empty', async () => {
    const board = await s.createBoard();
    expect(await verify(board.id, board.tokens.viewer)).toEqual({ ok: true, count: 0, head: null });
    expect((await api(`/api/boards/${board.id}/records/verify?seq=1`, board.tokens.viewer)).status).toBe(400);
  });

  it('finds an altered body', async () => {
    const { board, recs } = await threeRecords();
    tamper("UPDATE records SET body = replace(body, 'Second', 'Altered') WHERE board_id = ? AND seq = 2", board.id);
    expect(await verify(board.id, board.tokens.viewer)).toEqual({ ok: false, count: 3, brokenAt: { seq: 2, id: recs[1]!.id, reason: 'body-hash' } });
  });

  it('finds an altered snapshot', async () => {
    const { board, recs } = await threeRecords();
    tamper('UPDATE records SET snapshot = ? WHERE board_id = ? AND seq = 3', Buffer.from([1, 0, 0]), board.id);
    expect(await verify(board.id, board.tokens.viewer)).toEqual({ ok: false, count: 3, brokenAt: { seq: 3, id: recs[2]!.id, reason: 'snapshot-hash' } });
    // Serving the damaged record's bytes fails loudly rather than handing out something else.
    expect(await json(await api(`/api/boards/${board.id}/records/${recs[2]!.id}/snapshot`, board.tokens.viewer), 500)).toMatchObject({ code: 'ACCORD_RECORD_CORRUPT' });
    expect(await json(await api(`/api/boards/${board.id}/records/${recs[2]!.id}/restore`, board.tokens.viewer, { method: 'POST' }), 500)).toMatchObject({ code: 'ACCORD_RECORD_CORRUPT' });
  });

  it('finds a deleted middle record', async () => {
    const { board, recs } = await threeRecords();
    tamper('DELETE FROM records WHERE board_id = ? AND seq = 2', board.id);
    expect(await verify(board.id, board.tokens.viewer)).toEqual({ ok: false, count: 2, brokenAt: { seq: 3, id: recs[2]!.id, reason: 'seq-gap' } });
  });

  it('finds a body rewritten with its body hash recomputed (the link hash no longer matches)', async () => {
    const { board, recs } = await threeRecords();
    const db = new Database(join(dir, 'accord.db'));
    const row = db.prepare('SELECT body FROM records WHERE board_id = ? AND seq = 1').get(board.id) as { body: string };
    const body = row.body.replace('First', 'Rewritten');
    db.prepare('UPDATE records SET body = ?, body_hash = ? WHERE board_id = ? AND seq = 1').run(body, sha256Hex(body), board.id);
    db.close();
    expect(await verify(board.id, board.tokens.viewer)).toEqual({ ok: false, count: 3, brokenAt: { seq: 1, id: recs[0]!.id, reason: 'hash' } });
  });

  it('finds a record rehashed but not relinked (prev-link)', async () => {
    const { board, recs } = await threeRecords();
    const db = new Database(join(dir, 'accord.db'));
    const row = db.prepare('SELECT body, snapshot FROM records WHERE board_id = ? AND seq = 1').get(board.id) as { body: string; snapshot: Buffer };
    const body = row.body.replace('First', 'Rewritten');
    const link = chainLink(board.id, 1, null, body, row.snapshot);
    db.prepare('UPDATE records SET body = ?, body_hash = ?, hash = ? WHERE board_id = ? AND seq = 1').run(body, link.bodyHash, link.hash, board.id);
    db.close();
    expect(await verify(board.id, board.tokens.viewer)).toEqual({ ok: false, count: 3, brokenAt: { seq: 2, id: recs[1]!.id, reason: 'prev-link' } });
  });

  it('with a kept head: catches a forged signature, records cut from the end, and a chain rewritten whole', async () => {
    const { board, recs } = await threeRecords();
    const head = { seq: 3, hash: recs[2]!.hash, signature: sign(board.id, 3, recs[2]!.hash) };
    const forged = { ...head, signature: createHmac('sha256', 'another-secret').update(`accord-record-head:v1:${board.id}:3:${head.hash}`).digest('hex') };
    expect(await verify(board.id, board.tokens.viewer, forged)).toEqual({ ok: false, count: 3, brokenAt: { seq: 3, id: recs[2]!.id, reason: 'signature' } });
    // A head of another board does not verify here.
    const other = await s.createBoard();
    expect((await verify(other.id, other.tokens.viewer, head)).ok).toBe(false);

    // Rewrite the last record consistently (valid chain), then cut it off: both invisible without the head.
    const db = new Database(join(dir, 'accord.db'));
    const row = db.prepare('SELECT body, snapshot FROM records WHERE board_id = ? AND seq = 3').get(board.id) as { body: string; snapshot: Buffer };
    const body = row.body.replace('Third', 'Rewritten');
    const link = chainLink(board.id, 3, { hash: recs[1]!.hash }, body, row.snapshot);
    db.prepare('UPDATE records SET body = ?, body_hash = ?, hash = ? WHERE board_id = ? AND seq = 3').run(body, link.bodyHash, link.hash, board.id);
    db.close();
    expect((await verify(board.id, board.tokens.viewer)).ok).toBe(true);
    expect(await verify(board.id, board.tokens.viewer, head)).toEqual({ ok: false, count: 3, brokenAt: { seq: 3, id: recs[2]!.id, reason: 'hash' } });

    tamper('DELETE FROM records WHERE board_id = ? AND seq = 3', board.id);
    expect((await verify(board.id, board.tokens.viewer)).ok).toBe(true);
    expect(await verify(board.id, board.tokens.viewer, head)).toEqual({ ok: false, count: 2, brokenAt: { seq: 3, id: null, reason: 'seq-gap' } });
  });

  it('two concurrent records get seqs 1 and 2', async () => {
    const board = await boardWithContent();
    const [a, b] = await Promise.all([record(board, { title: 'A' }), record(board, { title: 'B' })].map(async (p) => json<View>(await p, 201)));
    expect([a!.seq, b!.seq].sort()).toEqual([1, 2]);
    expect((await verify(board.id, board.tokens.viewer)).ok).toBe(true);
  });

  it('stays linear when two server instances record on one store at once (retry on a taken seq)', async () => {
    const second = await startServer({ dataDir: dir });
    cleanups.push(() => second.stop());
    const board = await boardWithContent();
    const post = (server: RunningServer, title: string) =>
      fetch(`${server.http}/api/boards/${board.id}/records`, { method: 'POST', headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' }, body: JSON.stringify({ title, decision: 'D' }) });
    const responses = await Promise.all(['a1', 'b1', 'a2', 'b2', 'a3', 'b3'].map((t) => post(t.startsWith('a') ? s : second, t)));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const list = await json<{ records: Summary[] }>(await api(`/api/boards/${board.id}/records`, board.tokens.viewer));
    expect(list.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await verify(board.id, board.tokens.viewer)).ok).toBe(true);
  });
});

describe('POST /api/boards/:id/records/:rid/restore', () => {
  it('creates a new board holding the snapshot; the original is untouched', async () => {
    const board = await boardWithContent('Original');
    const rec = await json<View>(await record(board, { title: 'Keep both teams' }), 201);
    writeBoardRecords(board.content.doc, [note('later', 'After the record', 600)], schema);
    const watcher = connectClient(s.ws, board.id, board.tokens.viewer);
    cleanups.push(() => watcher.provider.destroy());
    await waitFor(() => readRecords(watcher.doc).length === 3, 'later edit stored');
    const originalState = await bytes(await api(`/api/boards/${board.id}/state`, board.tokens.viewer));

    // Any role on the board may restore; a viewer here.
    const restored = await json<{ id: string; title: string; createdAt: string; template: string | null; tokens: Tokens; links: Tokens }>(
      await api(`/api/boards/${board.id}/records/${rec.id}/restore`, board.tokens.viewer, { method: 'POST' }),
      201,
    );
    expect(restored.id).not.toBe(board.id);
    expect(restored.title).toBe('Keep both teams (restored)');
    expect(restored.template).toBeNull();
    expect(Object.keys(restored.tokens).sort()).toEqual(['facilitator', 'participant', 'viewer']);
    expect(restored.links.participant.endsWith(`/b/${restored.id}#t=${restored.tokens.participant}`)).toBe(true);
    expect(await json(await api(`/api/boards/${restored.id}`, restored.tokens.viewer))).toMatchObject({ title: 'Keep both teams (restored)', role: 'viewer' });

    const snapshot = await bytes(await api(`/api/boards/${board.id}/records/${rec.id}/snapshot`, board.tokens.viewer));
    const state = await bytes(await api(`/api/boards/${restored.id}/state`, restored.tokens.viewer));
    expect(recordsOf(state)).toEqual(recordsOf(snapshot));
    // The same Yjs state, not only the same records.
    const restoredDoc = new Y.Doc();
    Y.applyUpdate(restoredDoc, state);
    const snapshotDoc = new Y.Doc();
    Y.applyUpdate(snapshotDoc, snapshot);
    expect(Y.encodeStateAsUpdate(restoredDoc)).toEqual(Y.encodeStateAsUpdate(snapshotDoc));

    // Facilitation state is not copied.
    const fac = connectClient(s.ws, `${restored.id}/facilitation`, restored.tokens.viewer);
    cleanups.push(() => fac.provider.destroy());
    await waitSynced(fac.provider);
    expect(readSession(fac.doc).agendaStep).toBeNull();

    // The original board and its records are as they were.
    expect(await bytes(await api(`/api/boards/${board.id}/state`, board.tokens.viewer))).toEqual(originalState);
    expect((await json<{ records: Summary[] }>(await api(`/api/boards/${board.id}/records`, board.tokens.viewer))).records).toHaveLength(1);
    expect((await verify(board.id, board.tokens.viewer)).ok).toBe(true);
    expect((await json<{ records: Summary[] }>(await api(`/api/boards/${restored.id}/records`, restored.tokens.viewer))).records).toEqual([]);
  });

  it('renames the restored board\'s document record to the new title, which is cut to 200 characters', async () => {
    const board = await boardWithContent();
    const docRecord = { ...schema.types.document.create({ id: 'document:document' as never, name: 'Original' }) } as TLRecord;
    writeBoardRecords(board.content.doc, [docRecord], schema);
    const watcher = connectClient(s.ws, board.id, board.tokens.viewer);
    cleanups.push(() => watcher.provider.destroy());
    await waitFor(() => readRecords(watcher.doc).some((r) => r.id === 'document:document'), 'document stored');
    const rec = await json<View>(await record(board, { title: 'y'.repeat(200) }), 201);
    const restored = await json<{ id: string; title: string; tokens: Tokens }>(await api(`/api/boards/${board.id}/records/${rec.id}/restore`, board.tokens.facilitator, { method: 'POST' }), 201);
    expect(restored.title).toHaveLength(200);
    expect(restored.title.endsWith('y (restored)')).toBe(true);
    const state = recordsOf(await bytes(await api(`/api/boards/${restored.id}/state`, restored.tokens.viewer)));
    expect((state.find((r) => r.id === 'document:document') as TLRecord & { name: string }).name).toBe(restored.title);
  });
});
