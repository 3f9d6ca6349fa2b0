import type { OpenVoteBody } from '@accord/api';
import type { FacilitationVoting, VotingResultRow } from '@accord/board';

/**
 * A dot vote as the board's session shows it (facilitation `session.voting`, written by the
 * server): the round's setup, who has voted, and from the reveal on the server's count.
 */
export type VoteSetup = FacilitationVoting;

/** A fresh id for a private-writing round. */
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

/** What a vote form asks the server to open, or null while the form is not valid (1–20 dots, a frame selected when asked for). */
export function voteFromForm(form: VoteForm, selectedFrame: string | null): OpenVoteBody | null {
  const votesPerPerson = dotCount(form.perPerson);
  const perNoteLimit = form.perNote.trim() === '' ? null : dotCount(form.perNote);
  if (votesPerPerson === null || (form.perNote.trim() !== '' && perNoteLimit === null) || (form.inFrame && selectedFrame === null)) return null;
  return { votesPerPerson, perNoteLimit, anonymous: form.anonymous, frameId: form.inFrame ? selectedFrame : null };
}

/** Each note's total in the server's published count; empty before the reveal. */
export const revealedTotals = (setup: VoteSetup): Map<string, number> => new Map((setup.revealed ? (setup.results?.rows ?? []) : []).map((r) => [r.shapeId, r.total]));

/** A note's pill on the canvas: its revealed total (null: no badge) and whether my + and − show on it. */
export interface VotePill {
  id: string;
  total: number | null;
  controls: boolean;
}

/**
 * Which eligible notes (in board order) get a pill. A round keeps no list of candidates: the notes
 * in it are those it counted, so a revealed total shows only on a note with a row in the server's
 * count, never on a note added since (nor a "0" on every other note). While the round is open and I
 * can vote, every eligible note takes dots.
 */
export function votePills(setup: VoteSetup, eligible: readonly string[], canVote: boolean): VotePill[] {
  const totals = revealedTotals(setup);
  const controls = setup.open && canVote;
  return eligible.flatMap((id) => {
    const total = totals.get(id) ?? null;
    return total !== null || controls ? [{ id, total, controls }] : [];
  });
}

/** How a ballot's side reads in the tally: a trifecta party, or the board role of a voter who gave none. */
const SIDE_LABELS: Record<string, string> = { em: 'EM', pm: 'PM', business: 'Business', facilitator: 'facilitator', participant: 'participant' };

/** A row's split by side as the ranked list shows it, e.g. `EM 1, PM 1`; null when there is none (an anonymous round). */
export function sideSplit(row: VotingResultRow): string | null {
  const sides = Object.entries(row.bySide).sort(([a], [b]) => a.localeCompare(b));
  return sides.length ? sides.map(([side, n]) => `${SIDE_LABELS[side] ?? side} ${n}`).join(', ') : null;
}

/** Whether `personId` has placed a dot in the open round, as the session says; null when it cannot say (no open round, or an anonymous one). */
export function hasVoted(setup: VoteSetup | null, personId: string): boolean | null {
  if (!setup?.open || setup.anonymous) return null;
  return setup.voted.includes(personId);
}
