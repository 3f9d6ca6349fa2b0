import type * as Y from 'yjs';
import { VOTE_RESULT_META, readBallot, readBallots, tallyRound, type FacilitationVoting, type TallyRow, type VoteResult } from '@accord/board';

/** A dot vote as the facilitator set it up (facilitation `session.voting`), read by `readSession`. */
export type VoteSetup = FacilitationVoting;

/** This person's ballot for the current round. */
export const myBallot = (doc: Y.Doc, key: string): Map<string, number> => readBallot(doc, key);

/** Totals for one round, highest first, split by the voters' sides (the board's one tally). */
export const tally = (doc: Y.Doc, setup: VoteSetup): TallyRow[] => tallyRound(readBallots(doc), setup).rows;

/** A fresh id for a vote or private-writing round. */
export const roundId = (): string => Math.random().toString(36).slice(2, 10);

/** The facilitator's vote form, as typed. */
export interface VoteForm {
  perPerson: string;
  /** Empty for no limit. */
  perNote: string;
  anonymous: boolean;
  /** Only notes in the selected frame count. */
  inFrame: boolean;
}

const dotCount = (text: string): number | null => {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 20 ? n : null;
};

/** The round a vote form opens, or null while the form is not valid (1–20 dots, a frame selected when asked for). */
export function voteFromForm(form: VoteForm, selectedFrame: string | null, id: string): VoteSetup | null {
  const votesPerPerson = dotCount(form.perPerson);
  const perNoteLimit = form.perNote.trim() === '' ? null : dotCount(form.perNote);
  if (votesPerPerson === null || (form.perNote.trim() !== '' && perNoteLimit === null) || (form.inFrame && selectedFrame === null)) return null;
  return { id, open: true, votesPerPerson, perNoteLimit, anonymous: form.anonymous, revealed: false, frameId: form.inFrame ? selectedFrame : null };
}

/** A note's meta with the result of a closed round on it (kept for the decision record; no split when anonymous). */
export function withVoteResult(meta: object, setup: VoteSetup, row: TallyRow): Record<string, unknown> {
  const result: VoteResult = { vote: setup.id, total: row.total, byRole: setup.anonymous ? {} : row.bySide };
  return { ...meta, [VOTE_RESULT_META]: result };
}
