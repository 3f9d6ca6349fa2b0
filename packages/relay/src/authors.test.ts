import { describe, expect, it } from 'vitest';
import { SERVER_AUTHOR } from './types.ts';
import { BOARD, FACILITATION, setup, testPolicy } from './test/harness.ts';
import { textUpdate, until, updateFrame } from './test/fakes.ts';

// Who wrote each update reaches the room store with it, for the room's history: the policy names
// a connection's principal, the relay names its own changes; the relay adds nothing board-specific.
describe('authors of stored writes', () => {
  it("stores each client's write under the author the policy names, and the server's changes as the server's", async () => {
    const { store, join, relay } = setup({ policy: { ...testPolicy, authorOf: ({ role }) => `the ${role}` } });
    const participant = join(BOARD, 'participant');
    const facilitator = join(FACILITATION, 'facilitator');
    participant.conn.receive(updateFrame(textUpdate('from a participant', 11)));
    facilitator.conn.receive(updateFrame(textUpdate('from a facilitator', 12)));
    await until(() => store.log.length === 2, 'both writes stored');
    const seq = await relay.changeRoom(BOARD, (doc) => doc.getText('t').insert(0, 'from the server'));
    // The facilitation room loads first (it governs the board), so its write may be stored first.
    expect(store.log.slice(0, 2).map((e) => [e.room, e.author]).sort()).toEqual([
      [BOARD, 'the participant'],
      [FACILITATION, 'the facilitator'],
    ]);
    expect(store.log.slice(2).map((e) => [e.room, e.author])).toEqual([[BOARD, SERVER_AUTHOR]]);
    // changeRoom says under which seq its change was stored, and null when it changed nothing.
    expect(seq).toBe(store.log.at(-1)!.seq);
    expect(await relay.changeRoom(BOARD, () => {})).toBeNull();
    // Even in a room with deletions, whose full state carries a delete set.
    await relay.changeRoom(BOARD, (doc) => doc.getText('t').delete(0, 4));
    expect(await relay.changeRoom(BOARD, (doc) => doc.transact(() => {}))).toBeNull();
    expect(store.log).toHaveLength(4);
  });

  it('stores writes without an author when the policy names none', async () => {
    const { store, join } = setup();
    join(BOARD, 'participant').conn.receive(updateFrame(textUpdate('anonymous', 13)));
    await until(() => store.log.length === 1, 'the write stored');
    expect(store.log[0]!.author).toBeNull();
  });
});
