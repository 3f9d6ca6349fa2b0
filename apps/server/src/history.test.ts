import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { BoardHistory, BoardInfo, BoardVersion, CreatedBoard, RestoredVersion } from '@accord/api';
import { getRecordsKV, upsertPerson, type Role } from '@accord/board';
import { removeDir, startServer, tempDir, waitFor, waitSynced, type RunningServer, type Tokens } from './test/helpers.ts';
import { note, shapesIn, shapesOf } from './test/board.ts';
import { json } from './test/records.ts';

// A board's history over HTTP with stock y-websocket clients: a participant wipes their notes, the
// facilitator goes back to the version before, everyone's board follows, and the restore itself
// can be undone. Compaction runs every few entries, so all of it holds across compaction.

let server: RunningServer;
let dir: string;
const cleanups: Array<() => void> = [];
beforeAll(async () => {
  dir = tempDir();
  server = await startServer({ dataDir: dir, relay: { compactAfterUpdates: 3 } });
});
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
afterAll(async () => {
  await server.stop();
  removeDir(dir);
});

const keys = { fay: 'fay-person-key-000000000000', pat: 'pat-person-key-000000000000', quinn: 'quinn-person-key-00000000000' };

function api(path: string, token: string, init: { method?: string; person?: string } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (init.person) headers['x-accord-person'] = init.person;
  return fetch(`${server.http}${path}`, { method: init.method ?? 'GET', headers });
}

/** A stock y-websocket client of the board's content, as a person with a key. */
async function join(board: { id: string; tokens: Tokens }, role: Role, person: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.ws, board.id, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token: board.tokens[role], person },
    disableBc: true,
    maxBackoffTime: 300,
  });
  cleanups.push(() => provider.destroy());
  await waitSynced(provider);
  return doc;
}

const personId = async (board: { id: string; tokens: Tokens }, key: string) => (await json<BoardInfo>(await api(`/api/boards/${board.id}`, board.tokens.viewer, { person: key }))).personId!;
const texts = (doc: Y.Doc) => shapesIn(doc).map((s) => s.id).sort();
const history = async (board: { id: string; tokens: Tokens }, query = '') => json<BoardHistory>(await api(`/api/boards/${board.id}/history${query}`, board.tokens.facilitator));
const restore = async (board: { id: string; tokens: Tokens }, seq: number) =>
  json<RestoredVersion>(await api(`/api/boards/${board.id}/history/${seq}/restore`, board.tokens.facilitator, { method: 'POST', person: keys.fay }));

/** A board where Pat wrote three notes, one per change, and then deleted them all; Fay and Quinn watch. */
async function wipedBoard() {
  const board = await server.createBoard('Retro');
  const fay = await join(board, 'facilitator', keys.fay);
  const pat = await join(board, 'participant', keys.pat);
  const quinn = await join(board, 'participant', keys.quinn);
  upsertPerson(pat, { id: await personId(board, keys.pat), name: 'Pat', color: '#e03131', role: 'participant', party: null, lastSeen: Date.now() });
  const kv = getRecordsKV(pat);
  for (const [i, text] of ['Ship weekly', 'Fewer meetings', 'Pair on reviews'].entries()) kv.set(note(`n${i}`, text).id, note(`n${i}`, text, i * 200));
  const written = [note('n0', '').id, note('n1', '').id, note('n2', '').id].sort();
  for (const doc of [fay, quinn]) await waitFor(() => texts(doc).join() === written.join(), 'the notes everywhere');
  pat.transact(() => {
    for (const id of written) kv.delete(id);
  });
  for (const doc of [fay, quinn]) await waitFor(() => shapesIn(doc).length === 0, 'the wipe everywhere');
  return { board, fay, pat, quinn, written };
}

describe('a board’s history', () => {
  it('lists who changed what and when: a wipe is a step of its own, after the step that wrote the notes', async () => {
    const { board, written } = await wipedBoard();
    const patId = await personId(board, keys.pat);
    const { versions, next, retentionDays } = await history(board);
    expect(retentionDays).toBe(30);
    // Short enough for one page, back to the board's creation.
    expect(next).toBeNull();
    const [wipe, wrote, created] = versions;
    expect(wipe).toMatchObject({ kind: 'edit', author: { kind: 'person', id: patId, name: 'Pat' }, changes: written.length, deleted: written.length, restoredFrom: null });
    expect(wrote).toMatchObject({ kind: 'edit', author: { kind: 'person', id: patId, name: 'Pat' }, changes: written.length, deleted: 0, updates: written.length });
    // The board's creation: its document and page, written by the server.
    expect(created).toMatchObject({ kind: 'edit', author: { kind: 'server', name: 'Accord' }, changes: 2 });
    expect(versions).toHaveLength(3);
    expect(wrote!.seq).toBeLessThan(wipe!.seq);
    expect(Date.parse(wipe!.at)).toBeGreaterThanOrEqual(Date.parse(wrote!.at));
    // Older history only: `before` a seq.
    expect((await history(board, `?before=${wipe!.seq}`)).versions.map((v) => v.seq)).toEqual([wrote!.seq, created!.seq]);
  });

  it('restores the version before a wipe in place for every client, as a version of its own that can be undone', async () => {
    const { board, fay, pat, quinn, written } = await wipedBoard();
    const [, before] = (await history(board)).versions;
    const restored = await restore(board, before!.seq);
    expect(restored).toMatchObject({ restoredFrom: before!.seq, set: written.length, deleted: 0 });
    expect(restored.seq).toBeGreaterThan(before!.seq);
    for (const doc of [fay, pat, quinn]) await waitFor(() => texts(doc).join() === written.join(), 'the notes back on every board');

    // The restore is in the timeline, by whoever asked for it.
    const [step] = (await history(board)).versions;
    expect(step).toMatchObject({ seq: restored.seq, kind: 'restore', restoredFrom: before!.seq, author: { kind: 'person', id: await personId(board, keys.fay) }, changes: written.length });

    // Undo: restore the version just before the restore — the wipe returns, for everyone.
    const undone = await restore(board, restored.undoSeq!);
    expect(undone).toMatchObject({ restoredFrom: restored.undoSeq, deleted: written.length, set: 0 });
    for (const doc of [fay, pat, quinn]) await waitFor(() => shapesIn(doc).length === 0, 'the wipe back on every board');
    // Restoring a version the board already is changes nothing and makes no version.
    expect(await restore(board, restored.undoSeq!)).toMatchObject({ seq: null, undoSeq: null, set: 0, deleted: 0 });
    expect((await history(board)).versions.filter((v) => v.kind === 'restore')).toHaveLength(2);
  });

  it('serves a version as Yjs bytes and restores it as a new board holding that version', async () => {
    const { board, written } = await wipedBoard();
    const [, before] = (await history(board)).versions;
    const res = await api(`/api/boards/${board.id}/history/${before!.seq}/state`, board.tokens.facilitator);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(shapesOf(new Uint8Array(await res.arrayBuffer())).map((s) => s.id).sort()).toEqual(written);

    const created = await json<CreatedBoard>(await api(`/api/boards/${board.id}/history/${before!.seq}/new-board`, board.tokens.facilitator, { method: 'POST' }), 201);
    expect(created.title).toBe('Retro (restored)');
    const copy = await join(created, 'viewer', keys.quinn);
    expect(texts(copy)).toEqual(written);
    // The original board is untouched: still wiped.
    const state = await json<never>(await api(`/api/boards/${board.id}/history/999999999/state`, board.tokens.facilitator), 404);
    expect(state).toMatchObject({ code: 'ACCORD_VERSION_NOT_FOUND' });
    expect(shapesIn(await join(board, 'viewer', keys.quinn))).toEqual([]);
  });

  it('is for facilitators: participants and viewers get 403 and change nothing; bad seqs 400, unknown versions 404', async () => {
    const { board, fay } = await wipedBoard();
    const [, before] = (await history(board)).versions as BoardVersion[];
    for (const role of ['participant', 'viewer'] as const) {
      const token = board.tokens[role];
      expect(await json(await api(`/api/boards/${board.id}/history`, token), 403)).toMatchObject({ code: 'ACCORD_FORBIDDEN' });
      expect(await json(await api(`/api/boards/${board.id}/history/${before!.seq}/state`, token), 403)).toMatchObject({ code: 'ACCORD_FORBIDDEN' });
      expect(await json(await api(`/api/boards/${board.id}/history/${before!.seq}/restore`, token, { method: 'POST' }), 403)).toMatchObject({ code: 'ACCORD_FORBIDDEN' });
      expect(await json(await api(`/api/boards/${board.id}/history/${before!.seq}/new-board`, token, { method: 'POST' }), 403)).toMatchObject({ code: 'ACCORD_FORBIDDEN' });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(shapesIn(fay)).toEqual([]);
    const f = board.tokens.facilitator;
    for (const seq of ['01', '-1', 'abc', '1.5', '12345678901234567']) expect((await api(`/api/boards/${board.id}/history/${seq}/restore`, f, { method: 'POST' })).status).toBe(400);
    expect((await api(`/api/boards/${board.id}/history?before=x`, f)).status).toBe(400);
    expect((await api(`/api/boards/${board.id}/history?since=1`, f)).status).toBe(400);
    expect(await json(await api(`/api/boards/${board.id}/history/0/restore`, f, { method: 'POST' }), 404)).toMatchObject({ code: 'ACCORD_VERSION_NOT_FOUND' });
    // A version of another board is not a version of this one.
    const other = await server.createBoard('Other');
    const [otherCreated] = (await history(other)).versions;
    expect((await api(`/api/boards/${board.id}/history/${otherCreated!.seq}/restore`, f, { method: 'POST' })).status).toBe(404);
    expect(await json(await api(`/api/boards/${other.id}/history/${before!.seq}/state`, other.tokens.facilitator), 404)).toMatchObject({ code: 'ACCORD_VERSION_NOT_FOUND' });
  });
});
