import type * as Y from 'yjs';
import { readBallots, readVoteResult, tallyRound, type Ballot, type FacilitationVoting, type VotingResults } from '@accord/board';
import type { BoardView } from './board.ts';
import type { VoteItem, VoteRound, Votes, VoteSide } from './types.ts';

// Which vote the record reports, and its counts. The server holds the ballots and publishes its count
// of a round in the session from the reveal on (`voting.results`); a closed round also left
// `meta.accordVotes = { vote, total, byRole }` on each voted note. Boards from before the server held
// ballots have them in the content doc's `votes` map (`<voteId>:<side>:<personId>` → shape id →
// dots) and a session round without results: those are counted here, as they always were. The
// session says which round is current and whether it has been revealed: counts of a round still
// hidden are never reported.

/** Sides in the order tables show them. */
const VOTE_SIDES: readonly VoteSide[] = ['em', 'pm', 'business', 'facilitator', 'participant', 'other'];

const sideOf = (raw: string): VoteSide => ((VOTE_SIDES as readonly string[]).includes(raw) ? (raw as VoteSide) : 'other');

type Tally = Map<string, { total: number; bySide: Map<VoteSide, number> }>;

/** Dots by side as published (`side` → count), with sides this record does not know merged into `other`. */
function bySide(raw: Record<string, number>): Map<VoteSide, number> {
  const sides = new Map<VoteSide, number>();
  for (const [side, n] of Object.entries(raw)) sides.set(sideOf(side), (sides.get(sideOf(side)) ?? 0) + n);
  return sides;
}

/** A count's rows (the server's or the board's tally) as the record's tally. */
function toTally(rows: readonly { shapeId: string; total: number; bySide: Record<string, number> }[]): Tally {
  return new Map(rows.map((r) => [r.shapeId, { total: r.total, bySide: bySide(r.bySide) }]));
}

/** The results closed rounds left on the notes: round id → shape id → result. */
function readBoardResults(board: BoardView): Map<string, Map<string, { total: number; byRole: Map<VoteSide, number> }>> {
  const rounds = new Map<string, Map<string, { total: number; byRole: Map<VoteSide, number> }>>();
  for (const item of board.items) {
    const v = readVoteResult(item.meta);
    if (!v) continue;
    const round = rounds.get(v.vote) ?? new Map();
    round.set(item.id, { total: v.total, byRole: bySide(v.byRole) });
    rounds.set(v.vote, round);
  }
  return rounds;
}

/**
 * The newest of the rounds whose results are on the notes. A note keeps only the last result
 * written to it, so a round whose ballots name a note that now shows another round's result is
 * older than that round. Among rounds nothing shows to be older, the one on most notes wins,
 * then the smallest id (for determinism).
 */
function newestBoardRound(rounds: Map<string, Map<string, unknown>>, ballots: Ballot[], shownOn: Map<string, string>): string | null {
  const ids = [...rounds.keys()];
  const older = new Set<string>();
  for (const b of ballots) {
    if (!rounds.has(b.voteId)) continue;
    for (const shapeId of b.dots.keys()) {
      const shown = shownOn.get(shapeId);
      if (shown && shown !== b.voteId && rounds.has(shown)) older.add(b.voteId);
    }
  }
  const candidates = ids.filter((id) => !older.has(id));
  const pool = candidates.length ? candidates : ids;
  pool.sort((a, b) => (rounds.get(b)?.size ?? 0) - (rounds.get(a)?.size ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  return pool[0] ?? null;
}

/** The server's count of a session round, as it published it (`voting.results`). */
function serverTally(results: VotingResults): { tally: Tally; voters: number; ignored: number } {
  // The server refuses dots over the limits, so no ballot is left out.
  return { tally: toTally(results.rows), voters: results.voters, ignored: 0 };
}

/** Counts a legacy session round from the ballots in the content doc (the board's one tally): notes still on the board, within the round's frame. */
function tallySession(voting: FacilitationVoting, ballots: Ballot[], board: BoardView): { tally: Tally; voters: number; ignored: number } {
  const counted = tallyRound(ballots, voting, (shapeId) => board.byId.has(shapeId) && (voting.frameId === null || board.isWithin(shapeId, voting.frameId)));
  return { tally: toTally(counted.rows), voters: counted.voters, ignored: counted.ignored };
}

function toVotes(round: VoteRound, tally: Tally, board: BoardView): Votes | null {
  const rows = [...tally].filter(([id, r]) => r.total > 0 && board.byId.has(id));
  if (!rows.length) return null;
  const split = !round.anonymous && rows.some(([, r]) => r.bySide.size > 0);
  const sides = split ? VOTE_SIDES.filter((s) => rows.some(([, r]) => (r.bySide.get(s) ?? 0) > 0)) : [];
  const items: VoteItem[] = rows.map(([id, r]) => {
    const item = board.byId.get(id)!;
    return {
      id,
      text: item.text,
      area: item.area?.label ?? null,
      total: r.total,
      bySide: split ? Object.fromEntries(sides.map((s) => [s, r.bySide.get(s) ?? 0])) : null,
    };
  });
  const position = new Map(board.items.map((item, i) => [item.id, i]));
  items.sort((a, b) => b.total - a.total || (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
  return { round, sides, items };
}

/**
 * The vote to report: the session's round when it has been revealed or closed and has dots on
 * the board (the server's count, or the legacy ballots of a board from before); otherwise the newest round whose results closed rounds left on the notes (never the
 * session's round while it is open and hidden). Anonymous rounds are not split by side.
 */
export function readVotes(content: Y.Doc, voting: FacilitationVoting | null, board: BoardView): Votes | null {
  const ballots = readBallots(content);
  const results = readBoardResults(board);
  const hidden = voting?.open && !voting.revealed ? voting.id : null;
  if (voting && !hidden) {
    const { tally, voters, ignored } = voting.results ? serverTally(voting.results) : tallySession(voting, ballots, board);
    const round: VoteRound = { id: voting.id, source: 'session', anonymous: voting.anonymous, open: voting.open, voters, ignoredBallots: ignored };
    const votes = toVotes(round, tally, board);
    if (votes) return votes;
  }
  if (hidden) results.delete(hidden);
  const shownOn = new Map<string, string>();
  for (const [roundId, shapes] of results) for (const shapeId of shapes.keys()) shownOn.set(shapeId, roundId);
  const id = newestBoardRound(results, ballots, shownOn);
  const result = id === null ? undefined : results.get(id);
  if (id === null || !result) return null;
  // A round closed as anonymous left no split on any note.
  const anonymous = [...result.values()].every((r) => r.byRole.size === 0);
  const tally: Tally = new Map([...result].map(([shapeId, r]) => [shapeId, { total: r.total, bySide: r.byRole }]));
  return toVotes({ id, source: 'board', anonymous, open: false, voters: null, ignoredBallots: 0 }, tally, board);
}
