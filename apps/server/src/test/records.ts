import { expect } from 'vitest';
import Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import type { ChainCheck, ChainHead } from '@accord/api';
import { boardSchema, readSession, updateSession, writeBoardRecords } from '@accord/board';
import { connectClient, fileServer, waitFor, waitSynced, type Tokens } from './helpers.ts';
import { note, shapesIn } from './board.ts';

// What the decision record tests share: a real server over SQLite in a temp dir, the routes
// called as a client would, boards written through stock y-websocket clients.

/** The secret `testConfig` signs with, to compute head signatures independently. */
const SECRET = 'test-secret-test-secret-test-secret!';

/** The board schema (tldraw's default shapes and bindings). */
export const schema = boardSchema();

/** The JSON body of `res`, after checking its status (the body is shown when it differs). */
export async function json<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** The bytes of a 200 answer. */
export const bytes = async (res: Response) => {
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
};

/** The server's HMAC of a chain head, as `signedHead` computes it. */
export const sign = (boardId: string, seq: number, hash: string) => createHmac('sha256', SECRET).update(`accord-record-head:v1:${boardId}:${seq}:${hash}`).digest('hex');

/**
 * Starts one server for the test file (and stops it after), and gives the calls the tests make.
 * Call once at the top level of a test file.
 */
export function recordsServer() {
  const { server, dataDir, cleanups } = fileServer();

  function api(path: string, token: string | null, init: { method?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${server().http}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  }

  function record(board: { id: string; tokens: Tokens }, body: Record<string, unknown> = {}) {
    return api(`/api/boards/${board.id}/records`, board.tokens.facilitator, { method: 'POST', body: { title: 'Ship on Tuesday', decision: 'We ship the beta on Tuesday.', ...body } });
  }

  const verify = async (boardId: string, token: string, head?: ChainHead) =>
    json<ChainCheck>(await api(`/api/boards/${boardId}/records/verify${head ? `?seq=${head.seq}&hash=${head.hash}&signature=${head.signature}` : ''}`, token));

  /** A board with two notes and a facilitation session, written through stock y-websocket clients. */
  async function boardWithContent(title = 'Planning') {
    const board = await server().createBoard(title);
    const content = connectClient(server().ws, board.id, board.tokens.facilitator);
    const facilitation = connectClient(server().ws, `${board.id}/facilitation`, board.tokens.facilitator);
    cleanups.push(() => content.provider.destroy(), () => facilitation.provider.destroy());
    await Promise.all([waitSynced(content.provider), waitSynced(facilitation.provider)]);
    writeBoardRecords(content.doc, [note('one', 'First idea'), note('two', 'Second idea', 200)], schema);
    updateSession(facilitation.doc, { agendaStep: 'decide' });
    // R2: once another client has it, storage has it.
    const watcher = connectClient(server().ws, board.id, board.tokens.viewer);
    const facWatcher = connectClient(server().ws, `${board.id}/facilitation`, board.tokens.viewer);
    cleanups.push(() => watcher.provider.destroy(), () => facWatcher.provider.destroy());
    await waitFor(() => shapesIn(watcher.doc).length === 2 && readSession(facWatcher.doc).agendaStep === 'decide', 'content stored');
    return { ...board, content };
  }

  /** The server's SQLite file, opened as someone with access to the disk could. */
  const database = (options?: Database.Options) => new Database(join(dataDir(), 'accord.db'), options);

  /** Runs SQL against the server's SQLite file. */
  function tamper(sql: string, ...params: unknown[]): void {
    const db = database();
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
  }

  return { server, dataDir, cleanups, api, record, verify, boardWithContent, database, tamper };
}
