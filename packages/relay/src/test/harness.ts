import { afterEach } from 'vitest';
import { Relay } from '../relay.ts';
import type { RelayConnection } from '../connection.ts';
import type { RelayOptions, RoomPolicy } from '../types.ts';
import { TestClient } from './client.ts';
import { FakeSocket, MemoryRoomStore } from './fakes.ts';

export const BOARD = 'board-123456';
export const FACILITATION = `${BOARD}/facilitation`;

/** The roles of the relay's tests (the server's come from its capability tokens). */
export type TestRole = 'facilitator' | 'participant' | 'viewer';

/** What the tests attach to a connection, as the server attaches `{ role }`. */
export interface TestPrincipal {
  readonly role: TestRole;
}

/**
 * A stand-in for the server's policy (apps/server/src/roomPolicy.ts, built from @accord/board),
 * with the same rules so the R4 tests keep their meaning while the relay knows no boards: a room
 * `<x>` is governed by `<x>/facilitation`; viewers never write; participants not to a governing
 * room and not while its `session` map says `locked`; facilitators always.
 */
export const testPolicy: RoomPolicy<TestPrincipal> = {
  controlRoomOf: (room) => (room.endsWith('/facilitation') ? null : `${room}/facilitation`),
  writeRefusal({ role }, room, control) {
    if (role === 'facilitator') return null;
    if (role === 'viewer') return 'viewers cannot edit this board';
    if (room.endsWith('/facilitation')) return 'only facilitators can change facilitation state';
    if (control?.getMap('session').get('locked') === true) return 'the facilitator has locked the board';
    return null;
  },
};

/** Options of a test relay: the store and policy default to a fresh memory store and `testPolicy`. */
export type TestRelayOptions = Partial<RelayOptions<TestPrincipal>> & { rooms?: MemoryRoomStore };

/** A relay as the tests build it (not tracked: see `setup` and `track`). */
export function testRelay(opts: TestRelayOptions = {}): { relay: Relay<TestPrincipal>; store: MemoryRoomStore } {
  const store = opts.rooms ?? new MemoryRoomStore();
  return { relay: new Relay({ policy: testPolicy, ...opts, rooms: store }), store };
}

const relays: Array<Relay<TestPrincipal>> = [];
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const r of relays.splice(0)) await r.close();
});

/** A relay over a fresh memory store (or the given one), closed after the test. */
export function setup(opts: TestRelayOptions = {}) {
  const { relay, store } = testRelay(opts);
  relays.push(relay);
  /** A bare socket: frames are fed by hand through `conn`. */
  const join = (room = BOARD, role: TestRole = 'participant'): { socket: FakeSocket; conn: RelayConnection } => {
    const socket = new FakeSocket();
    const conn = relay.connect(socket, room, { role });
    return { socket, conn };
  };
  /** A y-websocket-like client, connected. */
  const client = (room = BOARD, role: TestRole = 'participant', clientID?: number): TestClient => {
    const c = new TestClient(room, role, clientID);
    clients.push(c);
    c.connect(relay);
    return c;
  };
  return { store, relay, join, client };
}

/** Registers a relay built by the test itself for closing after it. */
export function track<T extends Relay<TestPrincipal> | TestClient>(x: T): T {
  if (x instanceof Relay) relays.push(x);
  else clients.push(x);
  return x;
}
