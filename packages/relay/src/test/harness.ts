import { afterEach } from 'vitest';
import { Relay } from '../relay.ts';
import type { RelayConnection } from '../connection.ts';
import type { RelayOptions, Role } from '../types.ts';
import { TestClient } from './client.ts';
import { FakeSocket, MemoryStorage } from './fakes.ts';

export const BOARD = 'board-123456';
export const FACILITATION = `${BOARD}/facilitation`;

const relays: Relay[] = [];
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const r of relays.splice(0)) await r.close();
});

/** A relay over a fresh memory storage (or the given one), closed after the test. */
export function setup(opts: Partial<RelayOptions> & { storage?: MemoryStorage } = {}) {
  const storage = opts.storage ?? new MemoryStorage();
  const relay = new Relay({ ...opts, storage });
  relays.push(relay);
  /** A bare socket: frames are fed by hand through `conn`. */
  const join = (room = BOARD, role: Role = 'participant'): { socket: FakeSocket; conn: RelayConnection } => {
    const socket = new FakeSocket();
    const conn = relay.connect(socket, room, role);
    return { socket, conn };
  };
  /** A y-websocket-like client, connected. */
  const client = (room = BOARD, role: Role = 'participant', clientID?: number): TestClient => {
    const c = new TestClient(room, role, clientID);
    clients.push(c);
    c.connect(relay);
    return c;
  };
  return { storage, relay, join, client };
}

/** Registers a relay built by the test itself for closing after it. */
export function track<T extends Relay | TestClient>(x: T): T {
  if (x instanceof Relay) relays.push(x);
  else clients.push(x);
  return x;
}
