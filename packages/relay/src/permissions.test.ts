import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { controlRoomOf, isFacilitationRoom, writeRefusal } from './permissions.ts';
import { MAX_AWARENESS_IDS_PER_CONNECTION } from './room.ts';
import { BOARD, FACILITATION, setup } from './test/harness.ts';
import { awarenessFrame, awarenessSeen, textUpdate, tick, ticks, until, updateFrame } from './test/fakes.ts';

describe('R4 permissions', () => {
  it('[R4] decides writes by role, room and lock', () => {
    expect(controlRoomOf(BOARD)).toBe(FACILITATION);
    expect(controlRoomOf(FACILITATION)).toBeNull();
    expect(isFacilitationRoom(FACILITATION)).toBe(true);
    const table: Array<[Parameters<typeof writeRefusal>, boolean]> = [
      [['viewer', BOARD, false], false],
      [['viewer', FACILITATION, false], false],
      [['participant', BOARD, false], true],
      [['participant', BOARD, true], false],
      [['participant', FACILITATION, false], false],
      [['facilitator', BOARD, true], true],
      [['facilitator', FACILITATION, false], true],
    ];
    for (const [args, allowed] of table) expect(writeRefusal(...args) === null, args.join(' ')).toBe(allowed);
  });

  it('[R4] refuses viewer writes with permission denied; an empty step 2 is ignored silently', async () => {
    const { storage, join } = setup();
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
    expect(storage.log).toHaveLength(0);
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
    const { client, storage, relay } = setup();
    const c = client();
    await until(() => c.synced, 'sync');
    c.doc.getText('t').insert(0, 'abcdef');
    c.doc.getText('t').delete(0, 2);
    await until(() => storage.log.length === 2, 'stored');
    c.disconnect();
    c.connect(relay);
    await until(() => c.synced, 'resync');
    await ticks(10);
    expect(storage.log).toHaveLength(2);
  });

  it('[R4] participants cannot write to the facilitation room; facilitators can', async () => {
    const { client, storage } = setup();
    const participant = client(FACILITATION, 'participant');
    const facilitator = client(FACILITATION, 'facilitator');
    const watcher = client(FACILITATION, 'viewer');
    await until(() => participant.synced && facilitator.synced && watcher.synced, 'sync');
    participant.doc.getMap('session').set('agendaStep', 'hijack');
    await until(() => participant.denied.length > 0, 'denied');
    expect(storage.log).toHaveLength(0);
    facilitator.doc.getMap('session').set('agendaStep', 'intro');
    // (Not checked on the refused participant: its own refused value may win the map conflict locally.)
    await until(() => watcher.doc.getMap('session').get('agendaStep') === 'intro', 'facilitator write broadcast');
    expect(storage.doc(FACILITATION).getMap('session').get('agendaStep')).toBe('intro');
  });

  it('[R4] a locked board refuses participant content writes until the facilitator unlocks it', async () => {
    const { client, storage, relay } = setup();
    const facilitator = client(FACILITATION, 'facilitator');
    const participant = client(BOARD, 'participant');
    const watcher = client(BOARD, 'viewer');
    await until(() => facilitator.synced && participant.synced && watcher.synced, 'sync');
    expect(relay.stats().rooms).toBe(2);
    facilitator.doc.getMap('session').set('locked', true);
    await until(() => storage.log.length === 1, 'lock stored');
    await tick();
    participant.doc.getText('t').insert(0, 'while locked');
    await until(() => participant.denied.length === 1, 'denied');
    expect(participant.denied[0]).toMatch(/locked/);
    expect(storage.doc(BOARD).getText('t').toString()).toBe('');
    expect(watcher.doc.getText('t').toString()).toBe('');
    // The facilitator still edits content while locked.
    const facilitatorOnContent = client(BOARD, 'facilitator');
    await until(() => facilitatorOnContent.synced, 'sync');
    facilitatorOnContent.doc.getMap('m').set('note', 'facilitator');
    await until(() => watcher.doc.getMap('m').get('note') === 'facilitator', 'facilitator content write');
    facilitator.doc.getMap('session').set('locked', false);
    await until(() => storage.doc(FACILITATION).getMap('session').get('locked') === false, 'unlock stored');
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
    const { join, storage } = setup();
    const facilitator = join(FACILITATION, 'facilitator');
    const participant = join();
    await ticks();
    const lockDoc = new Y.Doc();
    lockDoc.getMap('session').set('locked', true);
    const release = storage.hold('append');
    facilitator.conn.receive(updateFrame(Y.encodeStateAsUpdate(lockDoc)));
    await ticks();
    // The lock is in flight, not yet durable: the participant's write is accepted for now...
    participant.conn.receive(updateFrame(textUpdate('just too late', 8)));
    await ticks();
    expect(participant.socket.types()).not.toContain(2);
    release();
    await until(() => participant.socket.types().includes(2), 'refused at commit');
    await ticks();
    expect(storage.log.map((l) => l.room)).toEqual([FACILITATION]);
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
