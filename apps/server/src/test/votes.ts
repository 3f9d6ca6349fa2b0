import { expect } from 'vitest';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createShapeId, toRichText } from 'tldraw';
import { PERSON_HEADER, PERSON_QUERY_PARAM, type MyBallot, type VoteRound } from '@accord/api';
import { boardSchema, facilitationRoom, readSession, upsertPerson, writeBoardRecords, type Party } from '@accord/board';
import { createShapeRecord } from '@accord/board/fixtures';
import { PAGE_ID, note, shapesIn } from './board.ts';
import { fileServer, waitFor, waitSynced, type Tokens } from './helpers.ts';

// What the vote tests share: one real server per test file, boards with notes (one inside a frame)
// written by a facilitator's stock client, people with their own person keys, and the vote routes
// called over HTTP as the web app calls them.

/** Someone on a test board: their secret key (sent as the app sends it) and the id the server derives. */
export interface TestPerson {
  key: string;
  id: string;
  token: string;
}

export interface VoteBoard {
  id: string;
  tokens: Tokens;
  /** Shape ids: two notes on the page, a frame, a note inside it, and a box (not a note). */
  shapes: { first: string; second: string; frame: string; inFrame: string; box: string };
  fay: TestPerson;
  pat: TestPerson;
  quinn: TestPerson;
  vic: TestPerson;
}

/** The JSON body of `res`, after checking its status (the body is shown when it differs). */
export async function json<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

/** Starts one server for the test file; call once at the top level. */
export function votesServer() {
  const { server, cleanups } = fileServer();

  /** An HTTP call as the web app makes it: Bearer token, and the person key when there is a person. */
  function api(path: string, who: { token: string; key?: string } | null, init: { method?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = {};
    if (who) headers.authorization = `Bearer ${who.token}`;
    if (who?.key) headers[PERSON_HEADER] = who.key;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${server().http}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  }

  /** A stock y-websocket client of `room` as `who` (their token and person key). */
  function connect(room: string, who: { token: string; key?: string }) {
    const doc = new Y.Doc();
    const params: Record<string, string> = { token: who.token };
    if (who.key) params[PERSON_QUERY_PARAM] = who.key;
    const provider = new WebsocketProvider(server().ws, room, doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, params, disableBc: true, maxBackoffTime: 300 });
    cleanups.push(() => provider.destroy());
    return { doc, provider };
  }

  const person = (token: string): TestPerson => {
    const key = randomBytes(24).toString('base64url');
    return { key, id: server().app.personIdFor(key), token };
  };

  /**
   * A board with notes written by its facilitator Fay; participants Pat (EM) and Quinn (PM) have
   * joined and said their side in the people registry; Vic has the viewer link.
   */
  async function voteBoard(): Promise<VoteBoard> {
    const board = await server().createBoard('Vote');
    const fay = person(board.tokens.facilitator);
    const pat = person(board.tokens.participant);
    const quinn = person(board.tokens.participant);
    const vic = person(board.tokens.viewer);
    const frame = createShapeRecord({ id: createShapeId('frame'), type: 'frame', parentId: PAGE_ID, x: 0, y: 600, props: { w: 600, h: 400, name: 'Options' } });
    const inFrame = createShapeRecord({ id: createShapeId('inframe'), type: 'note', parentId: frame.id, x: 20, y: 40, props: { richText: toRichText('Inside the frame') } });
    const box = createShapeRecord({ id: createShapeId('box'), type: 'geo', parentId: PAGE_ID, x: 800, y: 0, props: { w: 100, h: 100 } });
    const content = connect(board.id, fay);
    await waitSynced(content.provider);
    writeBoardRecords(content.doc, [note('first', 'Stage the rollout'), note('second', 'Rewrite first', 300), frame, inFrame, box], boardSchema());
    for (const [who, party] of [
      [pat, 'em'],
      [quinn, 'pm'],
    ] as [TestPerson, Party][]) {
      const c = connect(board.id, who);
      await waitSynced(c.provider);
      upsertPerson(c.doc, { id: who.id, name: who === pat ? 'Pat' : 'Quinn', color: '#e03131', role: 'participant', party, lastSeen: Date.now() });
    }
    // R2: once a viewer has it all, the server has stored it.
    const watcher = connect(board.id, vic);
    await waitFor(() => shapesIn(watcher.doc).length === 5 && watcher.doc.getMap('people').size === 2, 'board content stored');
    const shapes = { first: 'shape:first', second: 'shape:second', frame: frame.id, inFrame: inFrame.id, box: box.id };
    return { id: board.id, tokens: board.tokens, shapes, fay, pat, quinn, vic };
  }

  const votes = (b: VoteBoard) => `/api/boards/${b.id}/votes`;

  /** Opens a round as Fay. */
  async function open(b: VoteBoard, setup: Record<string, unknown> = {}): Promise<VoteRound> {
    return json<VoteRound>(await api(votes(b), b.fay, { method: 'POST', body: { votesPerPerson: 2, ...setup } }), 201);
  }

  /** Adds (1) or takes back (-1) a dot as `who`; the raw answer. */
  const dot = (b: VoteBoard, round: string, who: { token: string; key?: string }, shapeId: string, delta: 1 | -1 = 1, extra: Record<string, unknown> = {}) =>
    api(`${votes(b)}/${round}/ballot`, who, { method: 'POST', body: { shapeId, delta, ...extra } });

  /** `who`'s own ballot. */
  const ballot = async (b: VoteBoard, round: string, who: TestPerson) => json<MyBallot>(await api(`${votes(b)}/${round}/ballot`, who));

  /** A facilitator action on a round: reveal, close (POST) or clear (DELETE). */
  const act = (b: VoteBoard, round: string, action: 'reveal' | 'close' | 'clear', who: { token: string; key?: string } = b.fay) =>
    api(action === 'clear' ? `${votes(b)}/${round}` : `${votes(b)}/${round}/${action}`, who, { method: action === 'clear' ? 'DELETE' : 'POST' });

  /** A client of the board's facilitation room, synced, as `who`. */
  async function facilitation(b: VoteBoard, who: TestPerson) {
    const c = connect(facilitationRoom(b.id), who);
    await waitSynced(c.provider);
    return { ...c, voting: () => readSession(c.doc).voting };
  }

  return { server, api, connect, voteBoard, open, dot, ballot, act, facilitation, cleanups };
}
