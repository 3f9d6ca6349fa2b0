import type { LogBoard, LogEntry, SupersedingRecord } from '../logEntry.ts';
import type { DecisionRecord } from '../types.ts';

// Decision log entries for the MADR, adr-tools and log tests: records of one board, chained.

/** The board the examples were recorded on. */
export const BOARD: LogBoard = { boardId: 'k3v9x2QpL7', boardTitle: 'Growth team', boardUrl: 'https://accord.example/b/k3v9x2QpL7', chainLength: 3 };

const hex = (n: number): string => n.toString(16).padStart(2, '0').repeat(32);

/** A log entry at `seq`, with made-up hashes linking it to the one before. */
export function entry(seq: number, decision: DecisionRecord, supersededBy: SupersedingRecord[] = []): LogEntry {
  return { id: `rec${seq}abcdefgh`, seq, hash: hex(seq), prevHash: seq > 1 ? hex(seq - 1) : null, decision, supersededBy };
}
