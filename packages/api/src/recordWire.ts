// The JSON bodies of the decision record routes (records, their hash chain, follow-ups, the
// decision log), as sent on the wire; ./wire.ts has the rest of the HTTP API's.
import type { FollowUpOf } from '@accord/board';
import type { DecisionLogLayout, DecisionRecord, LoggedDecision, RecordRef, SupersedingRecord } from '@accord/record';

/**
 * The earlier record a new one supersedes: a record of the same board by its id, or another
 * board's record by its board id, its id and a token of that board (at least viewer) — the one in
 * the record's link. The token is only checked, never stored.
 */
export interface SupersedesChoice {
  recordId: string;
  boardId?: string;
  token?: string;
}

/** The body of `POST /api/boards/:id/records` (facilitator). */
export interface NewRecord {
  title: string;
  decision: string;
  owner?: string | null;
  /** `YYYY-MM-DD`, a day that exists. */
  reviewDate?: string | null;
  supersedes?: SupersedesChoice | null;
  /** People or groups to keep informed (MADR's `informed`): up to 50 names of up to 80 characters. */
  informed?: string[] | null;
}

/** A decision record as listed: its place in the board's hash chain, without its contents. */
export interface RecordSummary {
  id: string;
  boardId: string;
  seq: number;
  title: string;
  createdAt: string;
  hash: string;
  prevHash: string | null;
  bodyHash: string;
  snapshotHash: string;
  /** The earlier record this one supersedes, as recorded (null for none, and for records made before supersedes existed). */
  supersedes: RecordRef | null;
  /** Later records that supersede this one, oldest first: derived when read, never written into this record. */
  supersededBy: SupersedingRecord[];
}

/** A whole decision record: the summary plus the structured record and its Markdown. */
export interface RecordView extends RecordSummary {
  /** Null only when the stored body no longer parses (the store was altered; `verify` says where). */
  decision: DecisionRecord | null;
  markdown: string;
}

/** The newest record of a board, signed by the server so a client can later prove truncation or rewriting. */
export interface ChainHead {
  seq: number;
  hash: string;
  /** Hex HMAC-SHA256 under the server secret. */
  signature: string;
}

/** `GET /api/boards/:id/records`. */
export interface RecordList {
  records: RecordSummary[];
  head: ChainHead | null;
}

/** Why a chain is broken at a record. */
export type BrokenReason = 'body-hash' | 'snapshot-hash' | 'prev-link' | 'hash' | 'signature' | 'seq-gap';

/** The first broken link of a chain. `id` is null when no stored record is at `seq`. */
export interface BrokenLink {
  seq: number;
  id: string | null;
  reason: BrokenReason;
}

/** `GET /api/boards/:id/records/verify`. */
export type ChainCheck = { ok: true; count: number; head: ChainHead | null } | { ok: false; count: number; brokenAt: BrokenLink };

/** The querystring of `GET …/records/verify`: a head kept from an earlier answer, all three or none. */
export interface KeptHeadQuery {
  seq?: string;
  hash?: string;
  signature?: string;
}

/** Which room of a record's snapshot `GET …/records/:rid/snapshot?doc=` serves (default `content`). */
export type SnapshotDoc = 'content' | 'facilitation';

/** `GET /api/boards/:id/follow-ups`: each record with its follow-ups and review as of `today` (the server's day, UTC). */
export interface FollowUpsView {
  today: string;
  decisions: LoggedDecision[];
  /** Set on a board started as the follow-up session of another board's record: `meta.accordFollowUpOf` of its document record. */
  followUpOf: FollowUpOf | null;
}

/** The body of `POST /api/boards/:id/records/:rid/follow-up`: the new board's template (or none) and title. */
export interface NewFollowUpSession {
  template: string | null;
  title?: string;
}

/** The querystring of `GET /api/boards/:id/decision-log.zip`. */
export interface DecisionLogQuery {
  layout?: DecisionLogLayout;
}
