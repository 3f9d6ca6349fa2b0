import * as Y from 'yjs';
import type { FacilitationVoting } from './session.ts';
import { positiveInt } from './values.ts';

// Dot votes. Ballots are held by the server (never in a room a client reads); the round's setup,
// who has voted and, after the reveal, the server's count are the facilitation session's `voting`
// field (see `session.ts`). The rules are here so the server and the web app apply the same ones:
// `dotRefusal` (the round's limits), `voteTargetRefusal` (a note on the board, inside the round's
// frame), `tallyRound` (the one count). Boards from before kept ballots in the content room's
// `votes` map, `<voteId>:<side>:<personId>` → `Y.Map<shapeId, dots>`; the room guard refuses every
// write to it now, and only the decision record still reads it (`readBallots`).

/** Root `Y.Map<voterKey, Y.Map<shapeId, number>>` of the content room: legacy ballots, read only. */
export const VOTES = 'votes';

/** The `votes` map of a board doc: voter key → (shape id → number of dots). */
export function getVotesMap(doc: Y.Doc): Y.Map<Y.Map<number>> {
  return doc.getMap<Y.Map<number>>(VOTES);
}

/**
 * A voter's key in the `votes` map: the round, the voter's side (their trifecta party when they
 * gave one, else their board role) and who they are — `<voteId>:<side>:<personId>`.
 */
export const voterKey = (voteId: string, side: string, personId: string): string => `${voteId}:${side}:${personId}`;

/** Splits a voter key; null for a key not in that shape. Person ids may contain colons. */
export function parseVoterKey(key: string): { voteId: string; side: string; personId: string } | null {
  const m = /^([^:]+):([^:]+):(.+)$/.exec(key);
  return m ? { voteId: m[1]!, side: m[2]!, personId: m[3]! } : null;
}

/** One voter's dots in one round. */
export interface Ballot {
  voteId: string;
  side: string;
  personId: string;
  /** Shape id → dots (only positive whole numbers). */
  dots: Map<string, number>;
}

/** Every well-formed legacy ballot with at least one dot; malformed keys and values are skipped. */
export function readBallots(doc: Y.Doc): Ballot[] {
  const out: Ballot[] = [];
  getVotesMap(doc).forEach((ballot, key) => {
    const k = parseVoterKey(key);
    if (!k || !(ballot instanceof Y.Map)) return;
    const dots = new Map<string, number>();
    ballot.forEach((n, shapeId) => {
      if (positiveInt(n)) dots.set(shapeId, positiveInt(n));
    });
    if (dots.size) out.push({ ...k, dots });
  });
  return out;
}

/** The limits of a round a ballot must keep. */
export type RoundLimits = Pick<FacilitationVoting, 'id' | 'open' | 'votesPerPerson' | 'perNoteLimit'>;

/** Why adding (`+1`) or removing (`-1`) one dot on `shapeId` breaks the round's limits, or null. */
function dotRefusal(round: RoundLimits, ballot: ReadonlyMap<string, number>, shapeId: string, delta: 1 | -1): string | null {
  if (!round.open) return 'the vote is closed';
  const onNote = ballot.get(shapeId) ?? 0;
  if (delta === -1) return onNote === 0 ? 'no dot of yours is on that note' : null;
  const used = [...ballot.values()].reduce((a, b) => a + b, 0);
  if (used >= round.votesPerPerson) return 'you have used all your dots';
  if (round.perNoteLimit !== null && onNote >= round.perNoteLimit) return 'that note has as many of your dots as one note may';
  return null;
}

/** A ballot as the server keeps and sends it: shape id → dots (whole numbers above zero). */
export type BallotDots = Record<string, number>;

/**
 * One voter's ballot after adding (`+1`) or removing (`-1`) a dot on `shapeId`, or why the round's
 * limits refuse it ({@link dotRefusal}). The input is not changed.
 */
export function applyDot(round: RoundLimits, dots: Readonly<BallotDots>, shapeId: string, delta: 1 | -1): { dots: BallotDots } | { refusal: string } {
  const current = new Map(Object.entries(dots).filter(([, n]) => positiveInt(n)));
  const refusal = dotRefusal(round, current, shapeId, delta);
  if (refusal) return { refusal };
  const next = (current.get(shapeId) ?? 0) + delta;
  if (next === 0) current.delete(shapeId);
  else current.set(shapeId, next);
  return { dots: Object.fromEntries(current) };
}

/** How many dots a ballot holds. */
export const dotsUsed = (dots: Readonly<BallotDots>): number => Object.values(dots).reduce((sum, n) => sum + positiveInt(n), 0);

/** A voter's side in the split: the trifecta party they gave (people registry), else their board role. */
export const voterSide = (party: string | null | undefined, role: string): string => party || role;

/** One note's count in a round. */
interface TallyRow {
  shapeId: string;
  total: number;
  /** Dots by the voters' side (trifecta party or board role). */
  bySide: Record<string, number>;
}

/** A round counted. */
export interface RoundTally {
  /** Highest total first, then by shape id. */
  rows: TallyRow[];
  /** Voters with at least one counted dot. */
  voters: number;
  /** Ballots left out for breaking the round's limits (only a hand-written ballot can). */
  ignored: number;
}

/**
 * Counts one round: ballots within its limits, dots on shapes `counts` accepts (e.g. notes that
 * still exist, inside the round's frame).
 */
export function tallyRound(ballots: readonly Ballot[], round: Pick<FacilitationVoting, 'id' | 'votesPerPerson' | 'perNoteLimit'>, counts: (shapeId: string) => boolean = () => true): RoundTally {
  const rows = new Map<string, TallyRow>();
  const voters = new Set<string>();
  let ignored = 0;
  for (const b of ballots) {
    if (b.voteId !== round.id) continue;
    const dots = [...b.dots];
    const overNote = round.perNoteLimit !== null && dots.some(([, n]) => n > round.perNoteLimit!);
    if (overNote || dots.reduce((sum, [, n]) => sum + n, 0) > round.votesPerPerson) {
      ignored++;
      continue;
    }
    for (const [shapeId, n] of dots) {
      if (!counts(shapeId)) continue;
      const row = rows.get(shapeId) ?? { shapeId, total: 0, bySide: {} };
      row.total += n;
      row.bySide[b.side] = (row.bySide[b.side] ?? 0) + n;
      rows.set(shapeId, row);
      voters.add(`${b.side}:${b.personId}`);
    }
  }
  const sorted = [...rows.values()].sort((a, b) => b.total - a.total || (a.shapeId < b.shapeId ? -1 : a.shapeId > b.shapeId ? 1 : 0));
  return { rows: sorted, voters: voters.size, ignored };
}
