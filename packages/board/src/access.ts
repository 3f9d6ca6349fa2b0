import { isFacilitationRoom } from './rooms.ts';

/** The role a person holds on a board, from the capability token of their link. */
export type Role = 'facilitator' | 'participant' | 'viewer';

/** The three roles, most powerful first. */
export const ROLES: readonly Role[] = ['facilitator', 'participant', 'viewer'];

/** Is `value` one of the three roles? */
export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** True when `role` may do what `needed` may (facilitator > participant > viewer). */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(needed);
}

/**
 * R4, the one write rule: may `role` write to `room`? Viewers never; participants not to
 * facilitation rooms and not to content while the board is locked; facilitators always. Returns
 * the refusal reason (sent to the writer) or null. The relay's policy and the web app's read-only
 * state both come from here, so what the UI allows is what the server accepts.
 */
export function writeRefusal(role: Role, room: string, locked: boolean): string | null {
  if (role === 'facilitator') return null;
  if (role === 'viewer') return 'viewers cannot edit this board';
  if (isFacilitationRoom(room)) return 'only facilitators can change facilitation state';
  if (locked) return 'the facilitator has locked the board';
  return null;
}

/** May `role` edit the board's content (shapes, notes) while the board is `locked` or not? */
export const canEditContent = (role: Role, locked: boolean): boolean => writeRefusal(role, '', locked) === null; // '' names no facilitation room: a content room
