// The names of a board's two Yjs rooms (ARCHITECTURE.md, "Board documents"). Everything that
// names a room — the relay's policy, the server's /sync routes, the record book, the web app's
// providers — builds and reads names here.

/** Suffix of a board's facilitation room: `<boardId>/facilitation`. */
const FACILITATION_SUFFIX = '/facilitation';

/** The content room of a board: its id. */
export const contentRoom = (boardId: string): string => boardId;

/** The facilitation room of a board: `<boardId>/facilitation`. */
export const facilitationRoom = (boardId: string): string => `${boardId}${FACILITATION_SUFFIX}`;

/** Is `room` a facilitation room? */
export const isFacilitationRoom = (room: string): boolean => room.endsWith(FACILITATION_SUFFIX);

/** The board a room belongs to. */
export const boardOfRoom = (room: string): string => (isFacilitationRoom(room) ? room.slice(0, -FACILITATION_SUFFIX.length) : room);

/** The facilitation room that governs a content room (its lock), or null for a facilitation room. */
export const controlRoomOf = (room: string): string | null => (isFacilitationRoom(room) ? null : facilitationRoom(room));
