import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '@accord/storage';
import { CloseCode } from '@accord/relay';
import { closeCode, connectClient, rawSocket, removeDir, startServer, tempDir, waitFor, waitSynced, type RunningServer, type Tokens } from './test/helpers.ts';
import { getCell, setCell } from './test/cells.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function server(opts: Parameters<typeof startServer>[0] = {}): Promise<RunningServer> {
  const s = await startServer(opts);
  cleanups.push(() => s.stop().catch(() => {}));
  return s;
}

const api = (s: RunningServer, path: string, token: string | null, init: RequestInit = {}) =>
  fetch(`${s.http}${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers ?? {}) } });

const resetLink = (s: RunningServer, boardId: string, token: string, role: string) =>
  api(s, `/api/boards/${boardId}/links/reset`, token, { method: 'POST', body: JSON.stringify({ role }) });

/** A raw socket on the board and the close code it ends with. */
async function socket(s: RunningServer, room: string, token: string) {
  const ws = await rawSocket(`${s.ws}/${room}?token=${token}`);
  const closed = closeCode(ws);
  cleanups.push(() => ws.terminate());
  return { ws, closed };
}

describe('[item 7] resetting a link', () => {
  it('the old participant link stops at once: its sockets close with 4401, it answers 404; the new link works; other roles and boards are untouched', async () => {
    const s = await server();
    const board = await s.createBoard('Reset');
    const other = await s.createBoard('Other');
    const oldParticipant = await socket(s, board.id, board.tokens.participant);
    const oldParticipantFacilitation = await socket(s, `${board.id}/facilitation`, board.tokens.participant);
    const viewer = await socket(s, board.id, board.tokens.viewer);
    const facilitator = connectClient(s.ws, board.id, board.tokens.facilitator);
    cleanups.push(() => facilitator.provider.destroy());
    const elsewhere = await socket(s, other.id, other.tokens.participant);
    await waitSynced(facilitator.provider);

    const res = await resetLink(s, board.id, board.tokens.facilitator, 'participant');
    expect(res.status).toBe(200);
    const { tokens, links } = (await res.json()) as { tokens: Tokens; links: Tokens };
    expect(tokens.participant).not.toBe(board.tokens.participant);
    expect(tokens.viewer).toBe(board.tokens.viewer);
    expect(tokens.facilitator).toBe(board.tokens.facilitator);
    expect(links.participant.endsWith(`#t=${tokens.participant}`)).toBe(true);

    expect(await oldParticipant.closed).toBe(CloseCode.LinkReset);
    expect(await oldParticipantFacilitation.closed).toBe(CloseCode.LinkReset);
    const stale = await api(s, `/api/boards/${board.id}`, board.tokens.participant);
    expect(stale.status).toBe(404);
    await expect(rawSocket(`${s.ws}/${board.id}?token=${board.tokens.participant}`)).rejects.toMatchObject({ statusCode: 404 });

    // The new link opens the board and writes; the others never noticed.
    const fresh = connectClient(s.ws, board.id, tokens.participant);
    cleanups.push(() => fresh.provider.destroy());
    await waitSynced(fresh.provider);
    setCell(fresh.doc, 'after-reset', 'new link');
    await waitFor(() => getCell(facilitator.doc, 'after-reset') === 'new link', 'write with the new link');
    expect(viewer.ws.readyState).toBe(viewer.ws.OPEN);
    expect(elsewhere.ws.readyState).toBe(elsewhere.ws.OPEN);
    expect(facilitator.provider.wsconnected).toBe(true);
    const shared = (await (await api(s, `/api/boards/${board.id}/links`, board.tokens.facilitator)).json()) as { tokens: Tokens };
    expect(shared.tokens.participant).toBe(tokens.participant);
  });

  it('a facilitator can reset their own link (and then uses the new one); nobody else can reset anything', async () => {
    const s = await server();
    const board = await s.createBoard('Own');
    expect((await resetLink(s, board.id, board.tokens.participant, 'viewer')).status).toBe(403);
    expect((await resetLink(s, board.id, board.tokens.viewer, 'viewer')).status).toBe(403);
    expect((await resetLink(s, board.id, board.tokens.facilitator, 'owner')).status).toBe(400);
    const mine = await socket(s, board.id, board.tokens.facilitator);
    const res = await resetLink(s, board.id, board.tokens.facilitator, 'facilitator');
    const { tokens } = (await res.json()) as { tokens: Tokens };
    expect(await mine.closed).toBe(CloseCode.LinkReset);
    expect((await api(s, `/api/boards/${board.id}`, board.tokens.facilitator)).status).toBe(404);
    expect(((await (await api(s, `/api/boards/${board.id}`, tokens.facilitator)).json()) as { role: string }).role).toBe('facilitator');
    // Resetting twice moves on again: the first new link is old now.
    const again = (await (await resetLink(s, board.id, tokens.facilitator, 'facilitator')).json()) as { tokens: Tokens };
    expect((await api(s, `/api/boards/${board.id}`, tokens.facilitator)).status).toBe(404);
    expect((await api(s, `/api/boards/${board.id}`, again.tokens.facilitator)).status).toBe(200);
  });
});

/** Rows left anywhere in the SQLite file that name the board or its rooms. */
function rowsOf(dir: string, boardId: string): { boards: number; room_log: number; room_snapshot: number; records: number; assets: number } {
  const db = new Database(join(dir, 'accord.db'), { readonly: true });
  try {
    const count = (sql: string, ...args: string[]) => (db.prepare(sql).get(...args) as { n: number }).n;
    const rooms = [boardId, `${boardId}/facilitation`];
    return {
      boards: count('SELECT count(*) AS n FROM boards WHERE id = ?', boardId),
      room_log: count('SELECT count(*) AS n FROM room_log WHERE room IN (?, ?)', ...rooms),
      room_snapshot: count('SELECT count(*) AS n FROM room_snapshot WHERE room IN (?, ?)', ...rooms),
      records: count('SELECT count(*) AS n FROM records WHERE board_id = ?', boardId),
      assets: count('SELECT count(*) AS n FROM assets WHERE board_id = ?', boardId),
    };
  } finally {
    db.close();
  }
}

describe('[item 8] deleting a board', () => {
  it('a facilitator deletes it: sockets close with 4410, every row of it is gone, its links answer 404 like an unknown board; others keep theirs', async () => {
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    const s = await server({ dataDir: dir });
    const board = await s.createBoard('Doomed');
    const kept = await s.createBoard('Kept');
    const writer = connectClient(s.ws, board.id, board.tokens.participant);
    cleanups.push(() => writer.provider.destroy());
    await waitSynced(writer.provider);
    setCell(writer.doc, 'note', 'something');
    const viewer = await socket(s, `${board.id}/facilitation`, board.tokens.viewer);
    const keptSocket = await socket(s, kept.id, kept.tokens.viewer);
    expect((await api(s, `/api/boards/${board.id}/assets`, board.tokens.participant, { method: 'POST', body: PNG, headers: { 'content-type': 'image/png' } })).status).toBe(201);
    expect((await api(s, `/api/boards/${board.id}/records`, board.tokens.facilitator, { method: 'POST', body: JSON.stringify({ title: 'T', decision: 'D' }) })).status).toBe(201);
    await waitFor(() => rowsOf(dir, board.id).room_log >= 2, 'content stored');

    expect((await api(s, `/api/boards/${board.id}`, board.tokens.participant, { method: 'DELETE' })).status).toBe(403);
    const closes: number[] = [];
    writer.provider.on('connection-close', (e: CloseEvent | null) => void (e && closes.push(e.code)));
    expect((await api(s, `/api/boards/${board.id}`, board.tokens.facilitator, { method: 'DELETE' })).status).toBe(204);
    expect(await viewer.closed).toBe(CloseCode.BoardDeleted);
    await waitFor(() => closes.includes(CloseCode.BoardDeleted), 'provider told');
    writer.provider.destroy();

    expect(rowsOf(dir, board.id)).toEqual({ boards: 0, room_log: 0, room_snapshot: 0, records: 0, assets: 0 });
    const unknown = await api(s, '/api/boards/unknownBoard123', board.tokens.viewer.replace(board.id, 'unknownBoard123'));
    for (const token of Object.values(board.tokens)) {
      const res = await api(s, `/api/boards/${board.id}`, token);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual(await unknown.clone().json());
    }
    await expect(rawSocket(`${s.ws}/${board.id}?token=${board.tokens.facilitator}`)).rejects.toMatchObject({ statusCode: 404 });
    expect((await api(s, `/api/boards/${board.id}`, board.tokens.facilitator, { method: 'DELETE' })).status).toBe(404);

    expect(keptSocket.ws.readyState).toBe(keptSocket.ws.OPEN);
    expect(rowsOf(dir, kept.id).boards).toBe(1);
    // Nothing of the deleted board comes back when the server stops (no compaction writes it again).
    await s.stop();
    expect(rowsOf(dir, board.id)).toEqual({ boards: 0, room_log: 0, room_snapshot: 0, records: 0, assets: 0 });
  });

  it('retention (ACCORD_RETENTION_DAYS) deletes boards not opened for that many days, and keeps the others', async () => {
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    const s1 = await server({ dataDir: dir });
    const stale = await s1.createBoard('Stale');
    const fresh = await s1.createBoard('Fresh');
    await s1.stop();
    // Opened 40 days ago, as far as the store knows.
    const storage = await openSqliteStorage({ file: join(dir, 'accord.db') });
    await storage.markBoardOpened(stale.id, Date.now() - 40 * 86_400_000);
    await storage.close();

    const s2 = await server({ dataDir: dir, env: { ACCORD_RETENTION_DAYS: '30' } });
    await waitFor(() => rowsOf(dir, stale.id).boards === 0, 'stale board deleted');
    expect(rowsOf(dir, stale.id)).toEqual({ boards: 0, room_log: 0, room_snapshot: 0, records: 0, assets: 0 });
    expect((await api(s2, `/api/boards/${fresh.id}`, fresh.tokens.viewer)).status).toBe(200);
  });
});
