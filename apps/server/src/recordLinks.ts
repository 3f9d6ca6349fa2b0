import type { SupersedesChoice } from '@accord/api';
import type { Role } from '@accord/board';
import { validateDecisionRecord, type DecisionRecord, type LogEntry, type RecordRef, type SupersedingRecord } from '@accord/record';
import type { BoardRow, RecordLink, RecordStore, StoredRecord } from '@accord/storage';
import { Errors } from './errors.ts';
import type { Access } from './access.ts';

// How records name each other. A record is immutable, so "superseded by" is never written into
// it: it is derived when read, from later records of the same board (their bodies) and from the
// records of other boards that the store's supersedes columns point here (checked against their
// bodies too, so a column alone can hide a link but never forge one).

/** Checks a token on a board as the HTTP routes do (`authorizeBoard`). */
export type Authorize = (boardId: string, token: string | undefined, needed: Role) => Promise<Access>;

/** The decision record a stored record's body holds, or null when it no longer parses or validates. */
function decisionOf(record: StoredRecord): DecisionRecord | null {
  try {
    const body = JSON.parse(record.body) as { decision?: unknown } | null;
    return body && validateDecisionRecord(body.decision) ? body.decision : null;
  } catch {
    return null;
  }
}

/**
 * The record a new one supersedes, checked: a record of this board, or of another board whose
 * token (from the record's link) can read it. Every failure on another board — unknown board,
 * forged or foreign token, unknown record — is the same answer, so the body cannot be used to
 * learn whether a board or record exists without a token that could read it anyway.
 */
export async function resolveSupersedes(choice: SupersedesChoice, board: BoardRow, records: RecordStore, authorize: Authorize): Promise<{ ref: RecordRef; link: RecordLink }> {
  const sameBoard = choice.boardId === undefined || choice.boardId === board.id;
  if (!sameBoard) {
    try {
      await authorize(choice.boardId!, choice.token, 'viewer');
    } catch {
      throw Errors.supersedesUnreadable();
    }
  }
  const boardId = sameBoard ? board.id : choice.boardId!;
  const target = await records.getRecord(boardId, choice.recordId);
  const decision = target && decisionOf(target);
  if (!target || !decision) throw sameBoard ? Errors.supersedesUnreadable('There is no readable record with that id on this board to supersede') : Errors.supersedesUnreadable();
  return { ref: { boardId, recordId: target.id, seq: target.seq, title: decision.title }, link: { boardId, recordId: target.id } };
}

/**
 * Which later records supersede each record of `boardId`, by record id, oldest first: records of
 * the board itself (`records`) and of other boards (`others`, from `listSupersedingRecords`). Of
 * another board's record only ids and date are kept: a link to this board grants nothing there.
 */
export function supersededByIndex(boardId: string, records: readonly StoredRecord[], others: readonly StoredRecord[]): Map<string, SupersedingRecord[]> {
  const index = new Map<string, SupersedingRecord[]>();
  const add = (target: string, s: SupersedingRecord) => index.set(target, [...(index.get(target) ?? []), s]);
  for (const r of [...records].sort((a, b) => a.seq - b.seq)) {
    const ref = decisionOf(r)?.supersedes;
    if (ref && ref.boardId === boardId) add(ref.recordId, { boardId, recordId: r.id, seq: r.seq, title: decisionOf(r)!.title, recordedAt: new Date(r.createdAt).toISOString() });
  }
  for (const r of [...others].sort((a, b) => a.createdAt - b.createdAt)) {
    if (r.boardId === boardId) continue;
    const ref = decisionOf(r)?.supersedes;
    if (ref && ref.boardId === boardId) add(ref.recordId, { boardId: r.boardId, recordId: r.id, seq: null, title: null, recordedAt: new Date(r.createdAt).toISOString() });
  }
  return index;
}

/** The board's records as decision log entries (records whose body no longer reads are left out; `verify` names them). */
export function logEntries(boardId: string, records: readonly StoredRecord[], others: readonly StoredRecord[]): LogEntry[] {
  const index = supersededByIndex(boardId, records, others);
  return [...records]
    .sort((a, b) => a.seq - b.seq)
    .flatMap((r) => {
      const decision = decisionOf(r);
      return decision ? [{ id: r.id, seq: r.seq, hash: r.hash, prevHash: r.prevHash, decision, supersededBy: index.get(r.id) ?? [] }] : [];
    });
}
