import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LogPosition } from './logPosition.ts';
import { decodePeerFrame, encodePeerFrame } from './peers.ts';
import type { Relay } from './relay.ts';
import { TestClient } from './test/client.ts';
import { BOARD, FACILITATION, testPolicy, testRelay, track, type TestPrincipal, type TestRole } from './test/harness.ts';
import { MemoryPubSub, MemoryRoomStore, sleep, until, type MemoryPubSubClient } from './test/fakes.ts';
import type { CatchUpReason, RelayEvents, RoomPolicy } from './types.ts';

/** Counts the catch-ups an instance reports, by reason. */
function catchUps(): { events: RelayEvents; seen: Record<CatchUpReason, number> } {
  const seen: Record<CatchUpReason, number> = { gap: 0, reconnect: 0, periodic: 0, commit: 0 };
  const noop = () => {};
  const events: RelayEvents = { writeAccepted: noop, writeRefused: noop, updatesSent: noop, committed: noop, fannedOut: noop, storageFailed: noop, pubsubStatus: noop, caughtUp: (reason, changed) => void (changed && seen[reason]++) };
  return { events, seen };
}

function twoInstances(tuning: { syncCheckMs?: number; gapGraceMs?: number; compactAfterUpdates?: number } = {}) {
  const store = new MemoryRoomStore();
  const bus = new MemoryPubSub();
  const busA = bus.client();
  const busB = bus.client();
  const b = catchUps();
  const one = track(testRelay({ rooms: store, pubsub: busA, syncCheckMs: 60_000, ...tuning }).relay);
  const two = track(testRelay({ rooms: store, pubsub: busB, syncCheckMs: 60_000, events: b.events, ...tuning }).relay);
  const client = (relay: Relay<TestPrincipal>, role: TestRole = 'participant', room = BOARD) => {
    const c = track(new TestClient(room, role));
    c.connect(relay);
    return c;
  };
  return { store, one, two, busA, busB: busB as MemoryPubSubClient, caughtUpOnTwo: b.seen, client };
}

const text = (c: TestClient) => c.doc.getText('t').toString();

describe('[R10] scaled out without silent gaps', () => {
  it('peer frames carry the stretch of the log they hold', () => {
    const frame = encodePeerFrame('instance-a', new Uint8Array([0, 2, 1, 7]), { prevSeq: 41, lastSeq: 300 });
    expect(decodePeerFrame(frame)).toEqual({ origin: 'instance-a', span: { prevSeq: 41, lastSeq: 300 }, message: new Uint8Array([0, 2, 1, 7]) });
    expect(decodePeerFrame(encodePeerFrame('b', new Uint8Array([1]), null))?.span).toBeNull();
  });

  it('a room knows where its log has a hole, whatever order stretches arrive in', () => {
    const log = new LogPosition();
    log.reached(10);
    log.add({ prevSeq: 14, lastSeq: 20 });
    expect([log.heard, log.hole]).toEqual([10, true]);
    log.add({ prevSeq: 12, lastSeq: 14 });
    expect([log.heard, log.hole]).toEqual([10, true]);
    log.add({ prevSeq: 10, lastSeq: 12 });
    expect([log.heard, log.hole, log.holeSince]).toEqual([20, false, null]);
    log.add({ prevSeq: 5, lastSeq: 8 });
    expect(log.heard).toBe(20);
    log.add({ prevSeq: 30, lastSeq: 31 });
    log.reached(30);
    expect([log.heard, log.hole]).toEqual([31, false]);
  });

  it('a lost frame leaves a hole that is filled from storage after the grace period', async () => {
    const { one, two, busB, caughtUpOnTwo, client } = twoInstances({ gapGraceMs: 40 });
    const writer = client(one);
    const reader = client(two, 'viewer');
    await until(() => writer.synced && reader.synced, 'sync');
    busB.lose(1);
    writer.doc.getText('t').insert(0, 'lost ');
    await sleep(20);
    writer.doc.getText('t').insert(5, 'then found');
    await until(() => text(reader) === 'lost then found', 'the reader has both');
    expect(caughtUpOnTwo.gap).toBe(1);
  });

  it('a lost last frame (no hole to see) is caught by the periodic check within two intervals', async () => {
    const { one, two, busB, caughtUpOnTwo, client } = twoInstances({ syncCheckMs: 50 });
    const writer = client(one);
    const reader = client(two, 'viewer');
    await until(() => writer.synced && reader.synced, 'sync');
    busB.lose(1);
    const lostAt = Date.now();
    writer.doc.getText('t').insert(0, 'silently lost');
    await until(() => text(reader) === 'silently lost', 'the reader has it');
    expect(Date.now() - lostAt).toBeLessThan(1000);
    expect(caughtUpOnTwo.periodic).toBe(1);
  });

  it('when the pub/sub comes back, every loaded room behind storage is caught up and its clients get what they missed', async () => {
    const { one, two, busB, caughtUpOnTwo, client, store } = twoInstances();
    const writer = client(one);
    const reader = client(two, 'viewer');
    const writerF = client(one, 'facilitator', FACILITATION);
    await until(() => writer.synced && reader.synced && writerF.synced, 'sync');
    busB.cut();
    expect(two.stats().pubsubConnected).toBe(false);
    writer.doc.getText('t').insert(0, 'while you were away');
    writerF.doc.getMap('session').set('step', 2);
    await until(() => store.log.length === 2, 'stored');
    await sleep(20);
    expect(text(reader)).toBe('');
    busB.restore();
    await until(() => text(reader) === 'while you were away', 'caught up');
    expect(caughtUpOnTwo.reconnect).toBe(2);
    expect(two.stats()).toMatchObject({ pubsubConnected: true, lagging: 0 });
  });

  it('while the pub/sub is down, the periodic check alone keeps instances converging', async () => {
    const { one, two, busB, client } = twoInstances({ syncCheckMs: 50 });
    const a = client(one);
    const b = client(two);
    await until(() => a.synced && b.synced, 'sync');
    busB.cut();
    a.doc.getText('t').insert(0, 'A');
    await until(() => text(b) === 'A', 'A reaches B by polling');
    b.doc.getText('t').insert(1, 'B');
    // A is connected and B's frame cannot leave B: A finds it at its next checks.
    await until(() => text(a) === 'AB', 'B reaches A');
  });

  it('[R4] a lock set on another instance while this one’s pub/sub is down still stops participants here', async () => {
    const { one, two, busB, client, store } = twoInstances();
    const facilitator = client(one, 'facilitator', FACILITATION);
    const participant = client(two, 'participant');
    await until(() => facilitator.synced && participant.synced, 'sync');
    busB.cut();
    facilitator.doc.getMap('session').set('locked', true);
    await until(() => store.log.some((l) => l.room === FACILITATION), 'lock stored');
    const before = store.log.length;
    participant.doc.getText('t').insert(0, 'written under a lock');
    await until(() => participant.denied.length === 1, 'refused');
    expect(participant.denied[0]).toMatch(/locked/);
    expect(store.log.length).toBe(before);
  });

  it('catches up by loading the room when what it missed was compacted away', async () => {
    const { one, two, busB, client, store } = twoInstances({ gapGraceMs: 30, compactAfterUpdates: 2 });
    const writer = client(one);
    const reader = client(two, 'viewer');
    await until(() => writer.synced && reader.synced, 'sync');
    busB.cut();
    for (const word of ['one ', 'two ', 'three ']) {
      writer.doc.getText('t').insert(writer.doc.getText('t').length, word);
      await sleep(5);
    }
    await until(() => store.compactions.includes(BOARD), 'compacted');
    const loadsBefore = store.loads.filter((r) => r === BOARD).length;
    busB.restore();
    await until(() => text(reader) === 'one two three ', 'caught up');
    // The log after what B heard is gone: it read the whole room instead.
    expect(store.loads.filter((r) => r === BOARD).length).toBe(loadsBefore + 1);
  });

  it('[R4] a write admitted against a stale doc is judged again once storage shows what it missed', async () => {
    // A judge that refuses writes to `m` once the durable doc says `frozen` (as the board guard
    // keeps template structure the facilitator's): it sees only what the room's doc holds.
    const frozenJudge: RoomPolicy<TestPrincipal> = {
      ...testPolicy,
      judge: (_room, doc) => ({
        admit: (principal, update) => {
          if (principal?.role !== 'participant' || doc.getMap('guard').get('frozen') !== true) return null;
          const probe = new Y.Doc();
          probe.getMap('m').observe(() => {});
          Y.applyUpdate(probe, update);
          return probe.getMap('m').size > 0 ? 'frozen' : null;
        },
        settled: () => {},
        dropped: () => {},
        absorb: () => {},
        destroy: () => {},
      }),
    };
    const store = new MemoryRoomStore();
    const bus = new MemoryPubSub();
    const busB = bus.client();
    const one = track(testRelay({ rooms: store, pubsub: bus.client(), policy: frozenJudge, syncCheckMs: 60_000 }).relay);
    const two = track(testRelay({ rooms: store, pubsub: busB, policy: frozenJudge, syncCheckMs: 60_000 }).relay);
    const facilitator = track(new TestClient(BOARD, 'facilitator'));
    const writer = track(new TestClient(BOARD, 'participant'));
    facilitator.connect(one);
    writer.connect(two);
    await until(() => facilitator.synced && writer.synced, 'sync');
    busB.cut();
    facilitator.doc.getMap('guard').set('frozen', true);
    await until(() => store.log.length === 1, 'frozen stored');
    writer.doc.getMap('m').set('x', 1);
    await until(() => writer.denied.length === 1, 'judged again and refused');
    expect(writer.denied).toEqual(['frozen']);
    expect(store.log).toHaveLength(1);
  });

  it('[R11] a room that cannot load because storage is away closes with 4503; another failure with 1011', async () => {
    const { two, store } = twoInstances();
    store.before.load = () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    };
    const away = track(new TestClient(BOARD, 'viewer'));
    away.connect(two);
    await until(() => away.closes.length === 1, 'closed');
    store.before.load = () => {
      throw new Error('a bug');
    };
    const broken = track(new TestClient(`${BOARD}-other`, 'viewer'));
    broken.connect(two);
    await until(() => broken.closes.length === 1, 'closed');
    expect([away.closes[0], broken.closes[0]]).toEqual([4503, 1011]);
  });

  it('[R11] a store that cannot be read before the append refuses the writes with 4503, and recovers', async () => {
    const { two, client, store } = twoInstances();
    const writer = client(two);
    await until(() => writer.synced, 'sync');
    store.before.heads = () => {
      throw new Error('connection refused');
    };
    writer.doc.getText('t').insert(0, 'not now');
    await until(() => writer.closes.length === 1, 'closed');
    expect(writer.closes).toEqual([4503]);
    expect(store.log).toHaveLength(0);
    delete store.before.heads;
    writer.connect(two);
    await until(() => store.log.length === 1, 'resent and stored');
  });
});
