import { KEEPALIVE_FRAME } from './protocol.ts';
import type { Room } from './room.ts';
import type { RelayLogger } from './types.ts';

/** R6: pings every socket of these rooms and terminates those that did not answer the previous ping. */
export function keepaliveRound(rooms: Iterable<Room>, log: RelayLogger): void {
  for (const room of rooms) {
    for (const conn of [...room.connections]) {
      if (!conn.alive) {
        log.debug({ room: room.name }, 'terminating a socket that missed a pong');
        conn.socket.terminate();
        conn.closed();
        continue;
      }
      conn.alive = false;
      try {
        conn.socket.ping();
      } catch {
        conn.closed();
        continue;
      }
      // Browsers never see pings; y-websocket reconnects a socket silent for 30 s.
      conn.send(KEEPALIVE_FRAME);
    }
  }
}
