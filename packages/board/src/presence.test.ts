import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { InstancePageStateRecordType, TLPOINTER_ID, createShapeId, createUserId, type TLInstancePresence, type TLStore } from 'tldraw';
import { bindStoreToYDoc } from './binding.ts';
import { readRecords } from './doc.ts';
import { bindPresence, presenceIdFor, type PresenceBinding } from './presence.ts';
import { getPeers, setUser } from './awareness.ts';
import { PAGE_ID, addSessionRecords, newStore, note } from './test/helpers.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** Awarenesses wired together the way the relay forwards awareness messages. */
function linkedAwarenesses(n: number): Awareness[] {
  const all = Array.from({ length: n }, () => new Awareness(new Y.Doc()));
  for (const from of all) {
    from.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === 'net') return;
      const update = encodeAwarenessUpdate(from, [...added, ...updated, ...removed]);
      for (const to of all) if (to !== from) applyAwarenessUpdate(to, update, 'net');
    });
  }
  cleanups.push(() => {
    for (const a of all) a.destroy();
  });
  return all;
}

function present(opts: Parameters<typeof bindPresence>[0]): PresenceBinding {
  const p = bindPresence(opts);
  cleanups.push(() => p.dispose());
  return p;
}

/** Lets throttled presence go out (it is always published from a timer). */
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

const presences = (store: TLStore) => store.allRecords().filter((r): r is TLInstancePresence => r.typeName === 'instance_presence');

describe('bindPresence', () => {
  it('mirrors a peer as an instance_presence record that follows its cursor, selection and name, and disappears when it leaves', async () => {
    const [awA, awB] = linkedAwarenesses(2) as [Awareness, Awareness];
    const a = newStore();
    addSessionRecords(a);
    a.put([note('n')]);
    const b = newStore();
    addSessionRecords(b);
    const pa = present({ store: a, awareness: awA, user: { id: 'ana', name: 'Ana', color: '#e03131' }, throttleMs: 0 });
    present({ store: b, awareness: awB, user: { id: 'bo', name: 'Bo', color: '#1971c2' }, throttleMs: 0 });
    await tick();

    expect(presences(b)).toHaveLength(1);
    expect(presences(b)[0]).toMatchObject({ id: presenceIdFor(awA.clientID), userId: createUserId('ana'), userName: 'Ana', color: '#e03131', currentPageId: PAGE_ID });
    expect(presences(a)[0]).toMatchObject({ userName: 'Bo' });

    a.update(TLPOINTER_ID, (p) => ({ ...p, x: 120, y: 45 }));
    a.update(InstancePageStateRecordType.createId(PAGE_ID), (s) => ({ ...s, selectedShapeIds: [createShapeId('n')] }));
    await tick();
    expect(presences(b)[0]).toMatchObject({ cursor: { x: 120, y: 45 }, selectedShapeIds: [createShapeId('n')] });

    pa.setUser({ id: 'ana', name: 'Ana B.', color: '#2f9e44' });
    await tick();
    expect(presences(b)[0]).toMatchObject({ userName: 'Ana B.', color: '#2f9e44' });
    expect(getPeers(awB).get(awA.clientID)).toMatchObject({ userId: 'ana', name: 'Ana B.', color: '#2f9e44' });

    // A peer that times out (or whose socket dies) is removed by the relay / awareness.
    removeAwarenessStates(awB, [awA.clientID], 'net');
    expect(presences(b)).toHaveLength(0);
  });

  it('removes a peer that closes its board, and our own mirrored peers on dispose', async () => {
    const [awA, awB] = linkedAwarenesses(2) as [Awareness, Awareness];
    const a = newStore();
    addSessionRecords(a);
    const b = newStore();
    addSessionRecords(b);
    const pa = bindPresence({ store: a, awareness: awA, user: { id: 'ana', name: 'Ana', color: 'red' }, throttleMs: 0 });
    const pb = present({ store: b, awareness: awB, user: { id: 'bo', name: 'Bo', color: 'blue' }, throttleMs: 0 });
    await tick();
    expect(presences(b)).toHaveLength(1);
    expect(presences(a)).toHaveLength(1);
    pa.dispose();
    expect(presences(b)).toHaveLength(0); // A cleared its presence
    expect(presences(a)).toHaveLength(0); // and dropped B's mirror
    pb.dispose();
  });

  it('ignores malformed presence from a peer and re-stamps activity with our clock', async () => {
    const [awA, awB] = linkedAwarenesses(2) as [Awareness, Awareness];
    const b = newStore();
    addSessionRecords(b);
    present({ store: b, awareness: awB, user: { id: 'bo', name: 'Bo', color: 'blue' }, throttleMs: 0 });
    awA.setLocalStateField('presence', { cursor: 'everywhere' });
    expect(presences(b)).toHaveLength(0);
    // A well-formed presence from a machine whose clock is an hour behind.
    const a = newStore();
    addSessionRecords(a);
    a.update(TLPOINTER_ID, (p) => ({ ...p, lastActivityTimestamp: Date.now() - 3_600_000 }));
    present({ store: a, awareness: awA, user: { id: 'ana', name: 'Ana', color: 'red' }, throttleMs: 0 });
    await tick();
    expect(presences(b)).toHaveLength(1);
    expect(Math.abs(presences(b)[0]!.lastActivityTimestamp! - Date.now())).toBeLessThan(5_000);
  });

  it('throttles what it publishes', async () => {
    const [awA] = linkedAwarenesses(1) as [Awareness];
    const a = newStore();
    addSessionRecords(a);
    let published = 0;
    awA.on('change', () => published++);
    present({ store: a, awareness: awA, user: { id: 'ana', name: 'Ana', color: 'red' }, throttleMs: 40 });
    const afterBind = published;
    for (let i = 0; i < 50; i++) a.update(TLPOINTER_ID, (p) => ({ ...p, x: i }));
    expect(published - afterBind).toBe(0);
    await new Promise((r) => setTimeout(r, 80));
    expect((awA.getLocalState() as { presence: TLInstancePresence }).presence.cursor?.x).toBe(49);
  });

  it('never puts presence into the document', async () => {
    const [awA, awB] = linkedAwarenesses(2) as [Awareness, Awareness];
    const a = newStore();
    addSessionRecords(a);
    const b = newStore();
    addSessionRecords(b);
    const doc = new Y.Doc();
    const binding = bindStoreToYDoc({ store: b, doc });
    cleanups.push(() => binding.dispose());
    present({ store: a, awareness: awA, user: { id: 'ana', name: 'Ana', color: 'red' }, throttleMs: 0 });
    present({ store: b, awareness: awB, user: { id: 'bo', name: 'Bo', color: 'blue' }, throttleMs: 0 });
    await tick();
    binding.flush();
    expect(presences(b)).toHaveLength(1);
    expect(readRecords(doc).map((r) => r.typeName)).not.toContain('instance_presence');
  });

  it('setUser publishes who we are without a canvas (e.g. on the facilitation room)', () => {
    const [awA, awB] = linkedAwarenesses(2) as [Awareness, Awareness];
    setUser(awA, { id: 'ana', name: 'Ana', color: 'red', role: 'facilitator' });
    awB.setLocalStateField('user', { name: 'no id' });
    expect([...getPeers(awB).values()]).toEqual([{ clientId: awA.clientID, userId: 'ana', name: 'Ana', color: 'red', role: 'facilitator', party: null, privateRound: null, privateNotes: 0, done: null }]);
  });
});
