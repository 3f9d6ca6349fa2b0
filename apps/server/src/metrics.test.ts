import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { PERSON_QUERY_PARAM } from '@accord/api';
import { connectClient, startServer, waitFor, waitSynced, type RunningServer } from './test/helpers.ts';
import { getCell, setCell } from './test/cells.ts';

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

/** A counter or gauge's value (the sum of its label sets), from Prometheus text. */
function value(text: string, name: string): number {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('#') && (line.startsWith(`${name} `) || line.startsWith(`${name}{`)))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe('observability', () => {
  it('GET /metrics counts rooms, connections and updates, and never names a board, a title, a token or a person', async () => {
    server = await startServer();
    const title = 'Secret strategy offsite 2027';
    const board = await server.createBoard(title);
    const personKey = 'k'.repeat(43);
    const writerDoc = new Y.Doc();
    const writer = { doc: writerDoc, provider: new WebsocketProvider(server.ws, board.id, writerDoc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, params: { token: board.tokens.participant, [PERSON_QUERY_PARAM]: personKey }, disableBc: true }) };
    const reader = connectClient(server.ws, board.id, board.tokens.viewer);
    await Promise.all([waitSynced(writer.provider), waitSynced(reader.provider)]);
    setCell(writer.doc, 'm', 'counted');
    await waitFor(() => getCell(reader.doc, 'm') === 'counted', 'the update');
    // A viewer's write, refused by permission.
    setCell(reader.doc, 'nope', 'viewer');
    const res = await fetch(`${server.http}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(value(text, 'accord_rooms_loaded')).toBe(2);
    expect(value(text, 'accord_connections')).toBe(2);
    expect(value(text, 'accord_updates_in_total')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'accord_updates_out_total')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'accord_commit_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'accord_fanout_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 200));
    const again = await (await fetch(`${server.http}/metrics`)).text();
    expect(value(again, 'accord_writes_refused_total')).toBeGreaterThanOrEqual(1);
    expect(again).toMatch(/accord_writes_refused_total\{reason="permission"\} [1-9]/);
    for (const secret of [board.id, title, board.tokens.participant, board.tokens.viewer, board.tokens.facilitator, personKey]) expect(again).not.toContain(secret);
    // Not scaled out: no pub/sub figures.
    expect(again).not.toMatch(/^accord_pubsub_connected /m);
    writer.provider.destroy();
    reader.provider.destroy();
  });

  it('GET /readyz: ready with its storage answering and no pub/sub configured; /healthz stays liveness', async () => {
    server = await startServer();
    const ready = await fetch(`${server.http}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, storage: { state: 'ok' }, pubsub: { state: 'unused' } });
    expect(await (await fetch(`${server.http}/healthz`)).json()).toEqual({ ok: true });
  });
});
