import { Refusal } from './closeCodes.ts';
import type { Connection } from './connection.ts';
import type { AwarenessEntry } from './protocol.ts';

/**
 * Awareness client ids one connection may introduce. A stock client uses one (its doc's client
 * id); the bound keeps a hostile one from filling the room's awareness map.
 */
export const MAX_AWARENESS_IDS_PER_CONNECTION = 8;

/** Who is in a room: the latest awareness entry per client id, and which connection owns each id (R4). */
export class RoomAwareness {
  /** Latest awareness entry per client id; entries whose state is "null" are removed. */
  readonly states = new Map<number, AwarenessEntry>();
  /** Which connection owns each awareness client id (R4). */
  private readonly owners = new Map<number, Connection>();

  /**
   * Keeps entries whose client id this connection owns (claiming unowned ids), drops the rest (R4)
   * and states past the connection's awareness quota; `stamp` is the policy's say on each state.
   * Returns what changed, to relay.
   */
  receive(conn: Connection, entries: AwarenessEntry[], stamp: (conn: Connection, entry: AwarenessEntry) => AwarenessEntry | null): AwarenessEntry[] {
    const kept: AwarenessEntry[] = [];
    for (const sent of entries) {
      const owner = this.owners.get(sent.clientId);
      if (owner && owner !== conn) continue;
      if (sent.state !== 'null' && this.overQuota(conn, sent)) {
        conn.tell(Refusal.AwarenessTooLarge);
        continue;
      }
      // A departure passes as sent; any other state as the policy stamps it (or not at all).
      const entry = sent.state === 'null' ? sent : stamp(conn, sent);
      if (!entry) continue;
      if (!owner) {
        if (conn.awarenessIds.size >= MAX_AWARENESS_IDS_PER_CONNECTION) continue;
        this.owners.set(entry.clientId, conn);
        conn.awarenessIds.add(entry.clientId);
      }
      if (this.set(entry)) {
        if (entry.state === 'null') conn.awarenessBytes.delete(entry.clientId);
        else conn.awarenessBytes.set(entry.clientId, entry.state.length);
        kept.push(entry);
      }
    }
    return kept;
  }

  /** Awareness relayed by another instance (scaled out): no owner here, so ids owned locally win. Returns what changed. */
  fromPeer(entries: AwarenessEntry[]): AwarenessEntry[] {
    return entries.filter((entry) => !this.owners.has(entry.clientId) && this.set(entry));
  }

  /** Removes a departed connection's awareness; returns the departures to tell the others (R4, R6). */
  drop(conn: Connection): AwarenessEntry[] {
    const gone: AwarenessEntry[] = [];
    for (const id of conn.awarenessIds) {
      const current = this.states.get(id);
      this.states.delete(id);
      this.owners.delete(id);
      // One tick past the last clock, as y-protocols' removeAwarenessStates does, so clients apply it.
      gone.push({ clientId: id, clock: (current?.clock ?? 0) + 1, state: 'null' });
    }
    conn.awarenessIds.clear();
    conn.awarenessBytes.clear();
    return gone;
  }

  clear(): void {
    this.states.clear();
    this.owners.clear();
  }

  /** Would showing `entry` put the connection's awareness states past `maxAwarenessBytes`? (String length: a UTF-16 count, close enough for JSON text.) */
  private overQuota(conn: Connection, entry: AwarenessEntry): boolean {
    let total = entry.state.length;
    for (const [id, bytes] of conn.awarenessBytes) if (id !== entry.clientId) total += bytes;
    return total > conn.limits.maxAwarenessBytes;
  }

  /** Records an entry unless it is older than what we have; false when it was stale. */
  private set(entry: AwarenessEntry): boolean {
    const current = this.states.get(entry.clientId);
    if (current && current.clock > entry.clock) return false;
    if (entry.state === 'null') this.states.delete(entry.clientId);
    else this.states.set(entry.clientId, entry);
    return true;
  }
}
