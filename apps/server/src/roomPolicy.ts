import { controlRoomOf, readSession, writeRefusal, type Role } from '@accord/board';
import type { RoomPolicy } from '@accord/relay';

/** Who is on the other end of a `/sync` socket: what its capability token granted. */
export interface Principal {
  readonly role: Role;
}

/**
 * R4 for the relay, made only of the board contract (`@accord/board`): a content room is governed
 * by its facilitation room, and a write is refused or allowed by the one write rule, with the lock
 * read from the facilitation room's session.
 */
export const roomPolicy: RoomPolicy<Principal> = {
  controlRoomOf,
  writeRefusal: (principal, room, control) => writeRefusal(principal.role, room, control !== null && readSession(control).locked),
};
