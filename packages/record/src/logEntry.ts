import { inline } from './escape.ts';
import type { DecisionRecord, RecordRef } from './types.ts';

// A record as it stands in its board's decision log: what was stored (immutable) and what is
// known of it now (which later records supersede it). Numbers are chain positions, so they never
// change: ADR-0003 is the board's third record for good.

/**
 * A later record that names an earlier one in `supersedes`. Of a record on another board only its
 * ids and date are told: a link to the earlier board grants nothing on the later one.
 */
export interface SupersedingRecord {
  boardId: string;
  recordId: string;
  /** Its ADR number when it is on the same board; null for another board's record. */
  seq: number | null;
  /** Its title when it is on the same board; null for another board's record. */
  title: string | null;
  /** ISO 8601. */
  recordedAt: string;
}

/** One record of a board's decision log. */
export interface LogEntry {
  /** The record's id on its board. */
  id: string;
  /** Its position in the board's hash chain, from 1: its ADR number. */
  seq: number;
  /** Hex SHA-256 of its chain link, and of the record before it (null for the first). */
  hash: string;
  prevHash: string | null;
  decision: DecisionRecord;
  /** Later records that supersede this one, oldest first (derived when read, never stored in it). */
  supersededBy: SupersedingRecord[];
}

/** The board a decision log belongs to. */
export interface LogBoard {
  boardId: string;
  boardTitle: string;
  /** The board's address without any token (`<origin>/b/<id>`), or null when unknown. */
  boardUrl: string | null;
  /** How many records the board's chain holds now. */
  chainLength: number;
}

/** `ADR-0007`. */
export const adrLabel = (seq: number): string => `ADR-${String(seq).padStart(4, '0')}`;

/** The ASCII words of a title: lower case, joined by dashes, at most 60 characters; empty when none are left. */
export function titleSlug(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** An ASCII slug of a title ({@link titleSlug}); `decision` when nothing is left. */
export function adrSlug(title: string): string {
  return titleSlug(title) || 'decision';
}

/** The file of a record in a decision log: `NNNN-title-with-dashes.<ext>` (adr-tools and MADR alike). */
export const adrFileName = (seq: number, title: string, ext = 'md'): string => `${String(seq).padStart(4, '0')}-${adrSlug(title)}.${ext}`;

/** True when a record of this log superseded the entry. */
export const isSuperseded = (entry: Pick<LogEntry, 'supersededBy'>): boolean => entry.supersededBy.length > 0;

/** How a later record is named in text: `ADR-0005` on the same board, else `a record on board <id>`. */
function supersederName(s: SupersedingRecord): string {
  return s.seq !== null ? adrLabel(s.seq) : `a record on board ${s.boardId}`;
}

/** `superseded by ADR-0005, ADR-0007`; `accepted` while nothing supersedes the entry. Plain text. */
export function statusText(entry: Pick<LogEntry, 'supersededBy'>): string {
  return isSuperseded(entry) ? `superseded by ${entry.supersededBy.map(supersederName).join(', ')}` : 'accepted';
}

/**
 * How a log names its records in links: `madr` as `[ADR-0003](file) — Title`, `nygard` as adr-tools
 * does, `[3. Title](file)`.
 */
export type RefStyle = 'madr' | 'nygard';

function linkTo(seq: number, title: string, style: RefStyle): string {
  const file = adrFileName(seq, title);
  return style === 'madr' ? `[${adrLabel(seq)}](${file}) — ${inline(title)}` : `[${seq}. ${inline(title)}](${file})`;
}

/** Markdown naming an earlier record: a link to its file when it is in this log, else its board and ids. */
export function refMarkdown(ref: RecordRef, boardId: string, style: RefStyle): string {
  if (ref.boardId === boardId) return linkTo(ref.seq, ref.title, style);
  return `${inline(`${adrLabel(ref.seq)} of board ${ref.boardId}`)} — ${inline(ref.title)} (record ${inline(ref.recordId)})`;
}

/** Markdown naming a later record: a link to its file when it is in this log, else its ids and date. */
export function supersederMarkdown(s: SupersedingRecord, style: RefStyle): string {
  if (s.seq !== null && s.title !== null) return linkTo(s.seq, s.title, style);
  return inline(`a record on another board (board ${s.boardId}, record ${s.recordId}, ${s.recordedAt.slice(0, 10)})`);
}
