import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { TLRecord } from 'tldraw';
import type { RecordList, RecordSummary, RecordView } from '@accord/api';
import { readRecords, readSession, writeBoardRecords } from '@accord/board';
import { decisionRecordErrors } from '@accord/record';
import { connectClient, waitFor, waitSynced, type Tokens } from './test/helpers.ts';
import { note, recordsOf, shapesIn, shapesOf } from './test/board.ts';
import { bytes, json, recordsServer, schema, sign } from './test/records.ts';
import { chainLink, decodeSnapshot, sha256Hex } from './recordChain.ts';
import { earliestReviewDate } from './routes/records.ts';

// Decision records over HTTP: who may record, what is stored and served, restoring. The hash
// chain and its verification are in recordVerify.test.ts.
const { server, cleanups, api, record, verify, boardWithContent, database } = recordsServer();

describe('POST /api/boards/:id/records — who may record, what is accepted', () => {
  it('only a facilitator records: participant and viewer 403, no token 401, forged token and unknown board alike 404', async () => {
    const board = await server().createBoard();
    const body = { title: 'T', decision: 'D' };
    const post = (token: string | null, id = board.id) => api(`/api/boards/${id}/records`, token, { method: 'POST', body });
    expect(await json(await post(board.tokens.participant), 403)).toMatchObject({ code: 'ACCORD_FORBIDDEN' });
    expect(await json(await post(board.tokens.viewer), 403)).toMatchObject({ code: 'ACCORD_FORBIDDEN' });
    expect(await json(await post(null), 401)).toMatchObject({ code: 'ACCORD_TOKEN_MISSING' });
    expect(await json(await post(`${board.tokens.facilitator.slice(0, -2)}AA`), 404)).toMatchObject({ code: 'ACCORD_BOARD_NOT_FOUND' });
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
    const board = await server().createBoard();
    const res = await api(`/api/boards/${board.id}/records`, board.tokens.facilitator, { method: 'POST', body });
    expect(await json(res, 400)).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect((await json<{ records: unknown[] }>(await api(`/api/boards/${board.id}/records`, board.tokens.viewer))).records).toEqual([]);
  });

  it('refuses a review date before the decision date with ACCORD_BAD_REQUEST, and stores one on or after it', async () => {
    const board = await server().createBoard();
    const today = new Date().toISOString().slice(0, 10);
    const dayBefore = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    for (const reviewDate of ['2020-02-01', dayBefore(earliestReviewDate(Date.now()), 1)]) {
      const refused = await json<{ code: string; message: string }>(await record(board, { reviewDate }), 400);
      expect(refused).toMatchObject({ statusCode: 400, code: 'ACCORD_BAD_REQUEST' });
      expect(refused.message).toContain(`"${reviewDate}" is before the decision date`);
    }
    expect((await json<RecordList>(await api(`/api/boards/${board.id}/records`, board.tokens.viewer))).records).toEqual([]);
    // Today (the decision date) and later are stored as given.
    const onTheDay = await json<RecordView>(await record(board, { reviewDate: today }), 201);
    expect(onTheDay.decision!.reviewDate).toBe(today);
    const later = await json<RecordView>(await record(board, { reviewDate: '2030-01-15' }), 201);
    expect((await json<RecordView>(await api(`/api/boards/${board.id}/records/${later.id}`, board.tokens.viewer))).decision!.reviewDate).toBe('2030-01-15');
  });

  it('takes the decision date in the time zone furthest behind UTC, so anyone may pick their own today', () => {
    expect(earliestReviewDate(Date.parse('2026-11-30T11:59:00Z'))).toBe('2026-11-29');
    expect(earliestReviewDate(Date.parse('2026-11-30T12:00:00Z'))).toBe('2026-11-30');
  });

  it('accepts the optional owner and review date, and nulls', async () => {
    const board = await server().createBoard();
    await json(await record(board, { owner: 'Dana', reviewDate: '2028-02-29' }), 201);
    await json(await record(board, { owner: null, reviewDate: null }), 201);
  });
});

describe('a decision record', () => {
  it('is answered in full, listed, read as JSON, Markdown and snapshot bytes', async () => {
    const board = await boardWithContent('Q3 planning');
    const created = await json<RecordView>(await record(board, { title: 'Ship on Tuesday', owner: 'Dana', reviewDate: '2030-01-15' }), 201);
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

    const list = await json<RecordList>(await api(`/api/boards/${board.id}/records`, board.tokens.participant));
    const { decision: _d, markdown: _m, ...summary } = created;
    expect(list.records).toEqual([summary]);
    expect(list.head).toEqual({ seq: 1, hash: created.hash, signature: sign(board.id, 1, created.hash) });

    expect(await json<RecordView>(await api(`/api/boards/${board.id}/records/${created.id}`, board.tokens.viewer))).toEqual(created);

    const md = await api(`/api/boards/${board.id}/records/${created.id}.md`, board.tokens.viewer);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toBe('attachment; filename="decision-1-ship-on-tuesday.md"');
    expect(await md.text()).toBe(created.markdown);

    const content = await bytes(await api(`/api/boards/${board.id}/records/${created.id}/snapshot`, board.tokens.viewer));
    expect(shapesOf(content).map((r) => r.id)).toEqual(['shape:one', 'shape:two']);
    const facDoc = new Y.Doc();
    Y.applyUpdate(facDoc, await bytes(await api(`/api/boards/${board.id}/records/${created.id}/snapshot?doc=facilitation`, board.tokens.viewer)));
    expect(readSession(facDoc).agendaStep).toBe('decide');
  });

  it('answers 404 for an unknown record, 400 for a malformed id or doc, 401 without a token', async () => {
    const board = await boardWithContent();
    const rec = await json<RecordView>(await record(board), 201);
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
    // A token of another board cannot read this board's records, and learns nothing from trying.
    const other = await server().createBoard();
    expect(await json(await api(`/api/boards/${board.id}/records/${rec.id}`, other.tokens.facilitator), 404)).toMatchObject({ code: 'ACCORD_BOARD_NOT_FOUND' });
  });

  it('stores body, snapshot and hashes as documented', async () => {
    const board = await boardWithContent();
    const rec = await json<RecordView>(await record(board), 201);
    const db = database({ readonly: true });
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
    expect(shapesOf(parts.content)).toHaveLength(2);
  });

  it('records a board nobody has written: the seeded document and page, an empty session', async () => {
    const board = await server().createBoard('Untouched');
    const rec = await json<RecordView>(await record(board), 201);
    const content = recordsOf(await bytes(await api(`/api/boards/${board.id}/records/${rec.id}/snapshot`, board.tokens.viewer)));
    expect(content.map((r) => r.typeName)).toEqual(['document', 'page']);
    expect((content[0] as TLRecord & { name: string }).name).toBe('Untouched');
    const facilitation = new Y.Doc();
    Y.applyUpdate(facilitation, await bytes(await api(`/api/boards/${board.id}/records/${rec.id}/snapshot?doc=facilitation`, board.tokens.viewer)));
    expect(facilitation.getMap('session').size).toBe(0);
    expect(recordsOf(await bytes(await api(`/api/boards/${board.id}/state`, board.tokens.viewer)))).toEqual(content);
  });

  it('is frozen: edits after recording are in /state but not in the snapshot', async () => {
    const board = await boardWithContent();
    const rec = await json<RecordView>(await record(board), 201);
    writeBoardRecords(board.content.doc, [note('three', 'Added later', 400)], schema);
    const watcher = connectClient(server().ws, board.id, board.tokens.viewer);
    cleanups.push(() => watcher.provider.destroy());
    await waitFor(() => shapesIn(watcher.doc).length === 3, 'later edit broadcast');

    const now = shapesOf(await bytes(await api(`/api/boards/${board.id}/state`, board.tokens.viewer))).map((r) => r.id);
    expect(now).toEqual(['shape:one', 'shape:three', 'shape:two']);
    const then = shapesOf(await bytes(await api(`/api/boards/${board.id}/records/${rec.id}/snapshot`, board.tokens.viewer))).map((r) => r.id);
    expect(then).toEqual(['shape:one', 'shape:two']);
    expect((await json<RecordView>(await api(`/api/boards/${board.id}/records/${rec.id}`, board.tokens.viewer))).markdown).toBe(rec.markdown);
  });
});

describe('POST /api/boards/:id/records/:rid/restore', () => {
  it('creates a new board holding the snapshot; the original is untouched', async () => {
    const board = await boardWithContent('Original');
    const rec = await json<RecordView>(await record(board, { title: 'Keep both teams' }), 201);
    writeBoardRecords(board.content.doc, [note('later', 'After the record', 600)], schema);
    const watcher = connectClient(server().ws, board.id, board.tokens.viewer);
    cleanups.push(() => watcher.provider.destroy());
    await waitFor(() => shapesIn(watcher.doc).length === 3, 'later edit stored');
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
    expect(shapesOf(state)).toEqual(shapesOf(snapshot));
    expect((recordsOf(state).find((r) => r.typeName === 'document') as TLRecord & { name: string }).name).toBe('Keep both teams (restored)');
    // The snapshot's whole Yjs state is in the new board (plus the rename), not only its records.
    const restoredDoc = new Y.Doc();
    Y.applyUpdate(restoredDoc, state);
    expect(Y.decodeUpdate(Y.diffUpdate(snapshot, Y.encodeStateVector(restoredDoc))).structs).toHaveLength(0);

    // Facilitation state is not copied.
    const fac = connectClient(server().ws, `${restored.id}/facilitation`, restored.tokens.viewer);
    cleanups.push(() => fac.provider.destroy());
    await waitSynced(fac.provider);
    expect(readSession(fac.doc).agendaStep).toBeNull();

    // The original board and its records are as they were.
    expect(await bytes(await api(`/api/boards/${board.id}/state`, board.tokens.viewer))).toEqual(originalState);
    expect((await json<{ records: RecordSummary[] }>(await api(`/api/boards/${board.id}/records`, board.tokens.viewer))).records).toHaveLength(1);
    expect((await verify(board.id, board.tokens.viewer)).ok).toBe(true);
    expect((await json<{ records: RecordSummary[] }>(await api(`/api/boards/${restored.id}/records`, restored.tokens.viewer))).records).toEqual([]);
  });

  it('renames the restored board\'s document record to the new title, which is cut to 200 characters', async () => {
    const board = await boardWithContent();
    const docRecord = { ...schema.types.document.create({ id: 'document:document' as never, name: 'Original' }) } as TLRecord;
    writeBoardRecords(board.content.doc, [docRecord], schema);
    const watcher = connectClient(server().ws, board.id, board.tokens.viewer);
    cleanups.push(() => watcher.provider.destroy());
    await waitFor(() => readRecords(watcher.doc).some((r) => r.id === 'document:document'), 'document stored');
    const rec = await json<RecordView>(await record(board, { title: 'y'.repeat(200) }), 201);
    const restored = await json<{ id: string; title: string; tokens: Tokens }>(await api(`/api/boards/${board.id}/records/${rec.id}/restore`, board.tokens.facilitator, { method: 'POST' }), 201);
    expect(restored.title).toHaveLength(200);
    expect(restored.title.endsWith('y (restored)')).toBe(true);
    const state = recordsOf(await bytes(await api(`/api/boards/${restored.id}/state`, restored.tokens.viewer)));
    expect((state.find((r) => r.id === 'document:document') as TLRecord & { name: string }).name).toBe(restored.title);
  });
});
