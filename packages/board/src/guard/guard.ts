import type * as Y from 'yjs';
import type { TLSchema } from '@tldraw/tlschema';
import { SCHEMA, SCHEMA_KEY } from '../doc.ts';
import { PEOPLE } from '../people.ts';
import { isFacilitationRoom } from '../rooms.ts';
import { SESSION } from '../session.ts';
import { VOTES } from '../votes.ts';
import { contentMapRefusal, recordRefusal, sessionRefusal, type Writer } from './rules.ts';
import { Shadow } from './shadow.ts';

/**
 * The server's judge of what one board room may hold (ARCHITECTURE.md, "Board documents"; the
 * relay calls it for every write before anything is stored). It keeps the room's accepted state —
 * durable state plus admitted updates not yet durable — so each update is judged against what it
 * builds on, and reports the first rule an update breaks. A refused update changes nothing.
 */
export interface RoomGuard {
  /**
   * Judges an update from `writer`. Returns null when it is admitted (it is then part of the
   * accepted state), else the reason it is refused.
   */
  admit(writer: Writer, update: Uint8Array): string | null;
  /** An admitted update is now durable (in the durable doc): it need not be replayed on a rebuild. */
  settled(update: Uint8Array): void;
  /** An update that entered the room without a check (from a peer instance): accepted state follows it. */
  absorb(update: Uint8Array): void;
  /** Admitted updates did not become durable: start again from the durable doc plus those still pending. */
  reset(durable: Y.Doc, pending: readonly Uint8Array[]): void;
  destroy(): void;
}

/**
 * A guard for a board room, content (`records`, `schema`, `people`, legacy `votes`) or
 * facilitation (`session`), starting from the room's durable doc.
 */
export function createRoomGuard(room: string, durable: Y.Doc, schema: TLSchema): RoomGuard {
  const facilitation = isFacilitationRoom(room);
  const shadow = new Shadow(durable, facilitation ? { maps: [SESSION], records: false } : { maps: [SCHEMA, PEOPLE, VOTES], records: true });
  // After a refusal the shadow holds the refused update: rebuilt before the next check.
  let dirty = false;
  let source = durable;
  const pending = new Set<Uint8Array>();

  const judge = (writer: Writer, update: Uint8Array): string | null => {
    const effects = shadow.apply(update);
    if (effects.problems.length) return effects.problems[0]!;
    if (facilitation) {
      for (const m of effects.maps) {
        const reason = sessionRefusal(m, writer);
        if (reason) return reason;
      }
      return null;
    }
    for (const m of effects.maps) {
      const reason = contentMapRefusal(m, writer, schema);
      if (reason) return reason;
    }
    return recordRefusal(effects, writer, { schema, storedSchema: shadow.mapValue(SCHEMA, SCHEMA_KEY), current: (key) => shadow.current(key) });
  };

  return {
    admit(writer, update) {
      if (dirty) {
        shadow.rebuild(source, [...pending]);
        dirty = false;
      }
      const reason = judge(writer, update);
      if (reason) dirty = true;
      else pending.add(update);
      return reason;
    },
    settled(update) {
      pending.delete(update);
    },
    absorb(update) {
      if (!dirty) shadow.apply(update);
    },
    reset(doc, stillPending) {
      source = doc;
      pending.clear();
      for (const u of stillPending) pending.add(u);
      dirty = true;
    },
    destroy() {
      shadow.destroy();
    },
  };
}
