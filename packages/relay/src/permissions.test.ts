import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_AWARENESS_IDS_PER_CONNECTION } from './roomAwareness.ts';
import { BOARD, FACILITATION, setup, type TestPrincipal } from './test/harness.ts';
import type { RoomPolicy } from './types.ts';
import { FakeSocket, awarenessFrame, awarenessSeen, textUpdate, tick, ticks, until, updateFrame } from './test/fakes.ts';

describe('R4 permissions', () => {
  it('[R4] the injected policy decides: its governing room loads first, and it answers for the principal with that room\'s doc, on receipt and at commit', async () => {
    const calls: Array<{ principal: TestPrincipal; room: string; closed: unknown }> = [];
    const policy: RoomPolicy<TestPrincipal> = {
      controlRoomOf: (room) => (room === 'doc-a' ? 'rules' : null),
      writeRefusal(principal, room, control) {
        const closed = control?.getMap('m').get('closed');
        calls.push({ principal, room, closed });
        return closed === true ? 'closed by the rules room' : null;
      },
    };
    const { store, relay } = setup({ policy });
    const me: TestPrincipal = { role: 'participant' };
    const writer = new FakeSocket();
    const conn = relay.connect(writer, 'doc-a', me);
    await ticks();
    expect(store.loads).toEqual(['rules', 'doc-a']);
    expect(relay.stats().rooms).toBe(2);
    conn.receive(updateFrame(textUpdate('hello', 5)));
    await until(() => store.log.length === 1, 'stored');
    expect(calls).toEqual([
      { principal: me, room: 'doc-a', closed: undefined },
      { principal: me, room: 'doc-a', closed: undefined },
    ]);
    expect(calls[0]!.principal).toBe(me);
    const rules = relay.connect(new FakeSocket(), 'rules', { role: 'facilitator' });
    const closing = new Y.Doc();
    closing.getMap('m').set('closed', true);
    rules.receive(updateFrame(Y.encodeStateAsUpdate(closing)));
    await until(() => store.log.length === 2, 'rules stored');
    expect(calls.at(-1)).toMatchObject({ room: 'rules', closed: undefined });
    conn.receive(updateFrame(textUpdate('more', 6)));
    await until(() => writer.kinds().some(([t]) => t === 2), 'refused');
    expect(calls.at(-1)).toEqual({ principal: me, room: 'doc-a', closed: true });
    await ticks();
    expect(store.log).toHaveLength(2);
  });

  it('[R4] refuses viewer writes with permission denied; an empty step 2 is ignored silently', async () => {
    const { store, join } = setup();
    const v = join(undefined, 'viewer');
    const other = join();
    await ticks();
    const otherBefore = other.socket.sent.length;
    v.conn.receive(updateFrame(Y.encodeStateAsUpdate(new Y.Doc()), 1));
    await ticks();
    expect(v.socket.types()).not.toContain(2);
    v.conn.receive(updateFrame(textUpdate('nope', 5)));
    await ticks();
    expect(v.socket.kinds()).toContainEqual([2, 0]);
    expect(store.log).toHaveLength(0);
    expect(other.socket.sent.length).toBe(otherBefore);
    expect(v.socket.closedWith).toBeNull();
  });

  it('[R4] a viewer joining a board with deletions is not refused: its routine step 2 changes nothing', async () => {
    const { client } = setup();
    const writer = client();
    await until(() => writer.synced, 'sync');
    writer.doc.getText('t').insert(0, 'abcdef');
    writer.doc.getText('t').delete(1, 3);
    const viewer = client(BOARD, 'viewer');
    await until(() => viewer.synced && viewer.doc.getText('t').toString() === 'aef', 'viewer synced');
    await ticks();
    expect(viewer.denied).toEqual([]);
  });

  it('[R4] a reconnecting client whose step 2 holds only known deletions adds nothing to the log', async () => {
    const { client, store, relay } = setup();
    const c = client();
    await until(() => c.synced, 'sync');
    c.doc.getText('t').insert(0, 'abcdef');
    c.doc.getText('t').delete(0, 2);
    await until(() => store.log.length === 2, 'stored');
    c.disconnect();
    c.connect(relay);
    await until(() => c.synced, 'resync');
    await ticks(10);
    expect(store.log).toHaveLength(2);
  });

  it('[R4] participants cannot write to the facilitation room; facilitators can', async () => {
    const { client, store } = setup();
    const participant = client(FACILITATION, 'participant');
    const facilitator = client(FACILITATION, 'facilitator');
    const watcher = client(FACILITATION, 'viewer');
    await until(() => participant.synced && facilitator.synced && watcher.synced, 'sync');
    participant.doc.getMap('session').set('agendaStep', 'hijack');
    await until(() => participant.denied.length > 0, 'denied');
    expect(store.log).toHaveLength(0);
    facilitator.doc.getMap('session').set('agendaStep', 'intro');
    // (Not checked on the refused participant: its own refused value may win the map conflict locally.)
    await until(() => watcher.doc.getMap('session').get('agendaStep') === 'intro', 'facilitator write broadcast');
    expect(store.doc(FACILITATION).getMap('session').get('agendaStep')).toBe('intro');
  });

  it('[R4] a locked board refuses participant content writes until the facilitator unlocks it', async () => {
    const { client, store, relay } = setup();
    const facilitator = client(FACILITATION, 'facilitator');
    const participant = client(BOARD, 'participant');
    const watcher = client(BOARD, 'viewer');
    await until(() => facilitator.synced && participant.synced && watcher.synced, 'sync');
    expect(relay.stats().rooms).toBe(2);
    facilitator.doc.getMap('session').set('locked', true);
    await until(() => store.log.length === 1, 'lock stored');
    await tick();
    participant.doc.getText('t').insert(0, 'while locked');
    await until(() => participant.denied.length === 1, 'denied');
    expect(participant.denied[0]).toMatch(/locked/);
    expect(store.doc(BOARD).getText('t').toString()).toBe('');
    expect(watcher.doc.getText('t').toString()).toBe('');
    // The facilitator still edits content while locked.
    const facilitatorOnContent = client(BOARD, 'facilitator');
    await until(() => facilitatorOnContent.synced, 'sync');
    facilitatorOnContent.doc.getMap('m').set('note', 'facilitator');
    await until(() => watcher.doc.getMap('m').get('note') === 'facilitator', 'facilitator content write');
    facilitator.doc.getMap('session').set('locked', false);
    await until(() => store.doc(FACILITATION).getMap('session').get('locked') === false, 'unlock stored');
    await tick();
    // A refused client is ahead of the room for good (its next updates depend on the refused
    // ones), so the app discards its local state and rejoins, as a page reload does.
    participant.destroy();
    const rejoined = client(BOARD, 'participant');
    await until(() => rejoined.synced, 'rejoined');
    rejoined.doc.getMap('m').set('after', 'unlock');
    await until(() => watcher.doc.getMap('m').get('after') === 'unlock', 'participant write after unlock');
    expect(watcher.doc.getText('t').toString()).toBe('');
  });

  it('[R4] a write queued behind the commit that locks the board is refused at commit time', async () => {
    const { join, store } = setup();
    const facilitator = join(FACILITATION, 'facilitator');
    const participant = join();
    await ticks();
    const lockDoc = new Y.Doc();
    lockDoc.getMap('session').set('locked', true);
    const release = store.hold('append');
    facilitator.conn.receive(updateFrame(Y.encodeStateAsUpdate(lockDoc)));
    await ticks();
    // The lock is in flight, not yet durable: the participant's write is accepted for now...
    participant.conn.receive(updateFrame(textUpdate('just too late', 8)));
    await ticks();
    expect(participant.socket.types()).not.toContain(2);
    release();
    await until(() => participant.socket.types().includes(2), 'refused at commit');
    await ticks();
    expect(store.log.map((l) => l.room)).toEqual([FACILITATION]);
  });

  it('[R4] awareness from any role; client ids are pinned to the connection that introduced them', async () => {
    const { join } = setup();
    const a = join();
    const b = join(undefined, 'viewer');
    const watcher = join(undefined, 'viewer');
    await ticks();
    a.conn.receive(awarenessFrame([{ clientId: 11, clock: 1, state: { name: 'Ana' } }]));
    await ticks();
    b.conn.receive(
      awarenessFrame([
        { clientId: 11, clock: 5, state: { name: 'Impostor' } },
        { clientId: 22, clock: 1, state: { name: 'Bo' } },
      ]),
    );
    await ticks();
    const seen = awarenessSeen(watcher.socket);
    expect(seen.get(11)).toEqual({ name: 'Ana' });
    expect(seen.get(22)).toEqual({ name: 'Bo' });
    // Gone with its connection, and then free for whoever comes next (a reconnect).
    a.conn.closed();
    await ticks();
    expect(awarenessSeen(watcher.socket).get(11)).toBeNull();
    const again = join();
    again.conn.receive(awarenessFrame([{ clientId: 11, clock: 3, state: { name: 'Ana again' } }]));
    await ticks();
    expect(awarenessSeen(watcher.socket).get(11)).toEqual({ name: 'Ana again' });
  });

  it('[R4] one connection cannot claim more than a few awareness ids', async () => {
    const { join } = setup();
    const greedy = join();
    const watcher = join(undefined, 'viewer');
    await ticks();
    greedy.conn.receive(awarenessFrame(Array.from({ length: 50 }, (_, i) => ({ clientId: 500 + i, clock: 1, state: { i } }))));
    await ticks();
    expect(awarenessSeen(watcher.socket).size).toBe(MAX_AWARENESS_IDS_PER_CONNECTION);
  });
});
