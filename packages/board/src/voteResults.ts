import type * as Y from 'yjs';
import type { TLRecord } from '@tldraw/tlschema';
import { getRecordsKV, writeEntries } from './doc.ts';
import { VOTE_RESULT_META, type VoteResult } from './meta.ts';
import type { FacilitationVoting, VotingResultRow, VotingResults } from './session.ts';
import { rec } from './values.ts';
import type { RoundTally } from './votes.ts';

// A counted round, as the server publishes it: in the session (`voting.results`) from the reveal
// on, and on each voted note (`meta.accordVotes`) when the round closes, so the board keeps it.

/** The results the session shows for a counted round; an anonymous round keeps no split by side. */
export function votingResults(tally: RoundTally, anonymous: boolean): VotingResults {
  return {
    rows: tally.rows.map((r) => ({ shapeId: r.shapeId, total: r.total, bySide: anonymous ? {} : { ...r.bySide } })),
    voters: tally.voters,
  };
}

/** A note's meta with the result of a closed round on it (the rest kept; no split when anonymous). */
export function withVoteResult(meta: unknown, round: Pick<FacilitationVoting, 'id' | 'anonymous'>, row: VotingResultRow): Record<string, unknown> {
  const result: VoteResult = { vote: round.id, total: row.total, byRole: round.anonymous ? {} : { ...row.bySide } };
  return { ...(rec(meta) ?? {}), [VOTE_RESULT_META]: result };
}

/**
 * Writes each counted note's result (`meta.accordVotes`) into a content doc, in one transaction:
 * the server does this in its change of the content room when a round closes. Notes no longer on
 * the board are skipped. Returns how many notes were written.
 */
export function writeVoteResults(doc: Y.Doc, round: Pick<FacilitationVoting, 'id' | 'anonymous'>, rows: readonly VotingResultRow[]): number {
  const kv = getRecordsKV(doc);
  const puts: TLRecord[] = [];
  for (const row of rows) {
    const shape = kv.get(row.shapeId);
    if (rec(shape)?.typeName === 'shape') puts.push({ ...shape, meta: withVoteResult(shape!.meta, round, row) } as TLRecord);
  }
  // In bulk: one pass over the board for all the notes, not one per note.
  doc.transact(() => writeEntries(kv, puts, []));
  return puts.length;
}
