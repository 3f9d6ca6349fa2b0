import { canEditContent, facilitationRoom, writeRefusal, type Role } from '@accord/board';

/**
 * What this person may write on the board right now, derived once from the write rule of
 * `@accord/board` (`canEditContent`, `writeRefusal`) — the rule the relay enforces — so what the
 * UI allows is what the server accepts.
 */
export interface WriteAccess {
  /**
   * May change the board's content. The store binding writes only then, and so do the writes
   * that bypass the canvas (the people registry, published private notes).
   */
  canEdit: boolean;
  /** Could edit, but the facilitator has locked the board (the locked banner says so). */
  lockedOut: boolean;
  /** May write the facilitation session: timer, votes, private writing, agenda, lock. */
  canFacilitate: boolean;
}

export function writeAccess(boardId: string, role: Role, locked: boolean): WriteAccess {
  const canEdit = canEditContent(role, locked);
  return {
    canEdit,
    lockedOut: !canEdit && canEditContent(role, false),
    canFacilitate: writeRefusal(role, facilitationRoom(boardId), locked) === null,
  };
}

/**
 * Whether the canvas is read-only: no right to edit, or the board was saved by a newer schema
 * (the binding then writes nothing; reloading updates the app). Inserting templates follows it
 * too; dots do not — they are cast through the server, which lets anyone but a viewer vote.
 */
export const canvasReadOnly = (access: WriteAccess, newerSchema: boolean): boolean => !access.canEdit || newerSchema;
