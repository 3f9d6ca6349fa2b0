import type { Connection } from './connection.ts';
import type { AwarenessEntry } from './protocol.ts';
import type { BoundJudge, Room } from './room.ts';
import { SERVER_AUTHOR, type RelayEvents, type RoomPolicy } from './types.ts';

/**
 * Who is behind each connection (what the server attached on connect) and the policy calls that
 * need it: awareness stamping and the room's judge, with the principal bound per connection.
 */
export class Principals<P> {
  private readonly policy: RoomPolicy<P>;
  private readonly events: RelayEvents;
  private readonly byConnection = new WeakMap<Connection, P>();

  constructor(policy: RoomPolicy<P>, events: RelayEvents) {
    this.policy = policy;
    this.events = events;
  }

  set(conn: Connection, principal: P): void {
    this.byConnection.set(conn, principal);
  }

  get(conn: Connection): P | undefined {
    return this.byConnection.get(conn);
  }

  /** Who a write is by, for the room's history: the policy's name for the connection's principal, or the server. */
  authorOf(conn: Connection | null): string | null {
    if (!conn) return SERVER_AUTHOR;
    const principal = this.byConnection.get(conn);
    return principal === undefined ? null : (this.policy.authorOf?.(principal) ?? null);
  }

  /** An awareness entry as the policy lets the room show it, or null to drop it. */
  stampAwareness(conn: Connection, entry: AwarenessEntry): AwarenessEntry | null {
    const principal = this.byConnection.get(conn);
    if (!this.policy.awareness || principal === undefined) return entry;
    const state = this.policy.awareness(principal, entry.clientId, entry.state);
    return state === null ? null : state === entry.state ? entry : { ...entry, state };
  }

  /** The policy's judge for a loaded room, with each connection's principal bound in. */
  bindJudge(room: Room): BoundJudge | null {
    const judge = this.policy.judge?.(room.name, room.doc);
    if (!judge) return null;
    return {
      admit: (conn, update) => {
        const reason = judge.admit(conn ? (this.byConnection.get(conn) ?? null) : null, update);
        if (reason) this.events.writeRefused('content');
        return reason;
      },
      settled: (update) => judge.settled(update),
      dropped: (update) => judge.dropped(update),
      absorb: (update) => judge.absorb(update),
      destroy: () => judge.destroy(),
    };
  }
}
