import { afterEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CloseCode, Refusal, refusalQuota } from '@accord/relay';
import { connectClient, startServer, waitFor, waitSynced, type RunningServer } from './test/helpers.ts';
import { cellUpdate, getCell, setCell } from './test/cells.ts';
import { rawClient, updateFrame, type RawClient } from './test/protocol.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function server(opts: Parameters<typeof startServer>[0] = {}): Promise<RunningServer> {
  const s = await startServer(opts);
  cleanups.push(() => s.stop());
  return s;
}

async function raw(url: string): Promise<RawClient> {
  const c = await rawClient(url);
  cleanups.push(() => c.ws.terminate());
  return c;
}

/** Reasons of the permission-denied messages a raw client received. */
const denials = (c: RawClient) =>
  c.received.flatMap((m) => {
    const d = decoding.createDecoder(m);
    return decoding.readVarUint(d) === 2 && decoding.readVarUint(d) === 0 ? [decoding.readVarString(d)] : [];
  });

function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

describe('[item 3] quotas over real sockets', () => {
  it('one participant link flooding updates is closed with 4429; others keep working and what was stored stays', async () => {
    const s = await server({ relay: { maxBytesPerSecond: 64 * 1024, maxMessageBytes: 256 * 1024 } });
    const board = await s.createBoard();
    const watcher = connectClient(s.ws, board.id, board.tokens.viewer);
    const writer = connectClient(s.ws, board.id, board.tokens.participant);
    cleanups.push(() => watcher.provider.destroy(), () => writer.provider.destroy());
    await Promise.all([waitSynced(watcher.provider), waitSynced(writer.provider)]);
    const flood = await raw(`${s.ws}/${board.id}?token=${board.tokens.participant}`);
    for (let i = 0; i < 20; i++) flood.ws.send(updateFrame(cellUpdate(`big${i}`, 'x'.repeat(100 * 1024))));
    expect(await flood.closed).toBe(CloseCode.TooMuchData);
    await waitFor(() => getCell(watcher.doc, 'big0') !== undefined, 'the first, within the quota, stored and sent');
    setCell(writer.doc, 'calm', 'still fine');
    await waitFor(() => getCell(watcher.doc, 'calm') === 'still fine', 'others keep syncing');
    expect(getCell(watcher.doc, 'big19')).toBeUndefined();
  });

  it('a board at ACCORD_MAX_BOARD_MIB refuses further writes with "room full"; what it holds stays readable', async () => {
    const s = await server({ env: { ACCORD_MAX_BOARD_MIB: '1' } });
    const board = await s.createBoard();
    const writer = await raw(`${s.ws}/${board.id}?token=${board.tokens.participant}`);
    writer.ws.send(updateFrame(cellUpdate('fill', 'x'.repeat(700 * 1024))));
    const viewer = connectClient(s.ws, board.id, board.tokens.viewer);
    cleanups.push(() => viewer.provider.destroy());
    await waitFor(() => getCell(viewer.doc, 'fill') !== undefined, 'first write stored');
    writer.ws.send(updateFrame(cellUpdate('overflow', 'y'.repeat(500 * 1024))));
    await waitFor(() => denials(writer).length > 0, 'refusal');
    expect(refusalQuota(denials(writer)[0]!)).toBe(Refusal.RoomFull);
    const state = await fetch(`${s.http}/api/boards/${board.id}/state`, { headers: { authorization: `Bearer ${board.tokens.viewer}` } });
    const bytes = (await state.arrayBuffer()).byteLength;
    expect(bytes).toBeGreaterThan(700 * 1024);
    expect(bytes).toBeLessThan(1024 * 1024);
    expect(getCell(viewer.doc, 'overflow')).toBeUndefined();
  });

  it('a 1 MiB awareness state from a viewer is neither kept nor sent on; the sender is told; a query is answered once', async () => {
    const s = await server({ relay: { maxMessageBytes: 2 * 1024 * 1024, queryAwarenessIntervalMs: 60_000 } });
    const board = await s.createBoard();
    const watcher = connectClient(s.ws, board.id, board.tokens.participant);
    cleanups.push(() => watcher.provider.destroy());
    await waitSynced(watcher.provider);
    const attacker = await raw(`${s.ws}/${board.id}?token=${board.tokens.viewer}`);
    attacker.ws.send(awarenessFrame(4242, 1, { blob: 'x'.repeat(1024 * 1024) }));
    await waitFor(() => denials(attacker).length > 0, 'refusal');
    expect(refusalQuota(denials(attacker)[0]!)).toBe(Refusal.AwarenessTooLarge);
    expect(watcher.provider.awareness.getStates().has(4242)).toBe(false);
    attacker.ws.send(awarenessFrame(4242, 2, { user: { name: 'small' } }));
    await waitFor(() => watcher.provider.awareness.getStates().has(4242), 'a small state is shown');
    const asker = await raw(`${s.ws}/${board.id}?token=${board.tokens.viewer}`);
    // The greeting may come before the raw client listens; count only what the queries bring.
    await new Promise((r) => setTimeout(r, 300));
    const before = asker.types().filter((t) => t === 1).length;
    for (let i = 0; i < 10; i++) asker.ws.send(new Uint8Array([3]));
    await new Promise((r) => setTimeout(r, 300));
    expect(asker.types().filter((t) => t === 1).length - before).toBe(1);
    expect(attacker.ws.readyState).toBe(attacker.ws.OPEN);
  });
});
