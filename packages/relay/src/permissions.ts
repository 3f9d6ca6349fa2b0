import type { Role } from './types.ts';

/** Suffix of a board's facilitation room (ARCHITECTURE.md, "Board documents"). */
export const FACILITATION_SUFFIX = '/facilitation';

/** Is `room` a facilitation room (`<boardId>/facilitation`)? */
export const isFacilitationRoom = (room: string) => room.endsWith(FACILITATION_SUFFIX);

/** The facilitation room that governs a content room (its lock), or null for a facilitation room. */
export const controlRoomOf = (room: string) => (isFacilitationRoom(room) ? null : `${room}${FACILITATION_SUFFIX}`);

/**
 * R4: may `role` write to `room`? Viewers never; participants not to facilitation rooms and not
 * to content while the board is locked; facilitators always. Returns the refusal reason or null.
 */
export function writeRefusal(role: Role, room: string, locked: boolean): string | null {
  if (role === 'facilitator') return null;
  if (role === 'viewer') return 'viewers cannot edit this board';
  if (isFacilitationRoom(room)) return 'only facilitators can change facilitation state';
  if (locked) return 'the facilitator has locked the board';
  return null;
}
