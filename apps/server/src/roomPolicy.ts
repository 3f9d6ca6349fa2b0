import { boardSchema, controlRoomOf, createRoomGuard, getSessionMap, stampAwarenessState, writeRefusal, type Role } from '@accord/board';
import type { RoomPolicy } from '@accord/relay';

/** Who is on the other end of a `/sync` socket: what its capability token granted, and who they are. */
export interface Principal {
  readonly role: Role;
  /** The server-recognised person behind the connection, when the client said who it is. */
  readonly personId: string | null;
  /** The generation of the role's link the socket joined with: resetting that link closes it. */
  readonly linkGeneration: number;
}

/**
 * The relay's policy, made only of the board contract (`@accord/board`): a content room is
 * governed by its facilitation room; a write is refused or allowed by the one write rule (R4), with
 * the lock read from the facilitation room's session; and what a write would store is judged by the
 * board's room guard before anything is stored.
 */
/** Who a change is by in a board's history: the person the server recognised, else their role. */
export const authorFor = (who: { personId: string | null; role: Role }): string => who.personId ?? who.role;

export const roomPolicy: RoomPolicy<Principal> = {
  controlRoomOf,
  // Only `locked` matters here, read on every write: no need to validate the whole session.
  writeRefusal: (principal, room, control) => writeRefusal(principal.role, room, control !== null && getSessionMap(control).get('locked') === true),
  // Nobody can show as someone else or claim a stronger role: identity comes from the server.
  awareness: (principal, clientId, state) => stampAwarenessState(state, { personId: principal.personId, role: principal.role, clientId }),
  authorOf: authorFor,
  judge: (room, doc) => {
    const guard = createRoomGuard(room, doc, boardSchema());
    return {
      admit: (principal, update) => guard.admit(principal ? { role: principal.role, personId: principal.personId } : 'server', update),
      settled: (update) => guard.settled(update),
      dropped: (update) => guard.dropped(update),
      absorb: (update) => guard.absorb(update),
      destroy: () => guard.destroy(),
    };
  },
};
