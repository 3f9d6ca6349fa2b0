import { parseRecordLink } from '@accord/api';
import type { FollowUpState, RecordRef, SupersedingRecord } from '@accord/record';
import type { SupersedesChoice } from '../lib/api.ts';
import { knownBoards } from '../lib/local.ts';

// What the decision log shows of records naming each other, and how the record form reads the
// record a decision supersedes. Pure except `knownToken`, which reads this browser's boards.

/**
 * The record the form's supersede choice names: `''` none; `record:<id>` a record of this board;
 * anything else a pasted record link (of any board; this board's own is read as its id). Returns
 * `'invalid'` for a pasted text that is not a record link.
 */
export function readSupersedesChoice(choice: string, pasted: string, boardId: string): SupersedesChoice | null | 'invalid' {
  if (choice === '') return null;
  if (choice.startsWith('record:')) return { recordId: choice.slice('record:'.length) };
  const link = parseRecordLink(pasted);
  if (!link) return 'invalid';
  return link.boardId === boardId ? { recordId: link.recordId } : { recordId: link.recordId, boardId: link.boardId, token: link.token };
}

/** `#3 Ship SSO` for a record of this board; `record 3 of board <id>: Title` for another board's. */
export function supersededLabel(ref: RecordRef, boardId: string): string {
  return ref.boardId === boardId ? `#${ref.seq} ${ref.title}` : `record #${ref.seq} of board ${ref.boardId}: ${ref.title}`;
}

/** `#5 Buy an SSO product` on this board; `a record on another board (YYYY-MM-DD)` otherwise: all this board's link may learn. */
export function supersederLabel(s: SupersedingRecord): string {
  return s.seq !== null ? `#${s.seq}${s.title ? ` ${s.title}` : ''}` : `a record on another board (${s.recordedAt.slice(0, 10)})`;
}

/** A token this browser holds for a board (from boards it opened), or null. */
export function knownToken(boardId: string): string | null {
  return knownBoards().find((b) => b.id === boardId)?.token ?? null;
}

/** Names to keep informed, proposed from who watches the board now: the viewers online, once each. */
export function viewerNames(people: readonly { name: string; role: string | null }[]): string[] {
  return [...new Set(people.filter((p) => p.role === 'viewer' && p.name.trim()).map((p) => p.name.trim()))];
}

/** The names typed in the form's Informed field: comma or line separated, blanks dropped. */
export function readNames(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map((n) => n.trim()).filter(Boolean))];
}

/** A short badge for a follow-up's state. */
export const STATE_BADGES: Record<FollowUpState, string> = {
  overdue: 'overdue',
  'due-today': 'due today',
  upcoming: 'upcoming',
  undated: 'no date',
  closed: 'closed',
};
