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
  /** An admitted update will never become durable: the accepted state is rebuilt without it. */
  dropped(update: Uint8Array): void;
  destroy(): void;
}

/**
 * A guard for a board room, content (`records`, `schema`, `people`, legacy `votes`) or
 * facilitation (`session`). `durable` is the room's durable doc, which its owner keeps current
 * (the relay applies every stored update to it): the accepted state is rebuilt from it when needed.
 */
export function createRoomGuard(room: string, durable: Y.Doc, schema: TLSchema): RoomGuard {
  const facilitation = isFacilitationRoom(room);
  const shadow = new Shadow(durable, facilitation ? { maps: [SESSION], records: false } : { maps: [SCHEMA, PEOPLE, VOTES], records: true });
  // After a refusal the shadow holds the refused update: rebuilt before the next check.
  let dirty = false;
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
        shadow.rebuild(durable, [...pending]);
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
    dropped(update) {
      if (pending.delete(update)) dirty = true;
    },
    destroy() {
      shadow.destroy();
    },
  };
}
