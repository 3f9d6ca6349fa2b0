import type { RecordSummary, RecordView } from '@accord/api';
import type { DecisionRecord, SupersedingRecord } from '@accord/record';
import type { StoredRecord } from '@accord/storage';
import type { RECORD_BODY_VERSION } from './recordChain.ts';

/** A record's body as stored (`StoredRecord.body`, JSON text); its hash is the record's `bodyHash`. */
export interface RecordBody {
  v: typeof RECORD_BODY_VERSION;
  id: string;
  boardId: string;
  seq: number;
  /** ISO 8601. */
  createdAt: string;
  title: string;
  decision: DecisionRecord;
  markdown: string;
}

function parseBody(record: StoredRecord): Partial<RecordBody> {
  try {
    const body: unknown = JSON.parse(record.body);
    return body && typeof body === 'object' ? (body as Partial<RecordBody>) : {};
  } catch {
    return {};
  }
}

/** The list view of a stored record; `supersededBy` is derived by the caller (recordLinks.ts). */
export function summarize(record: StoredRecord, supersededBy: SupersedingRecord[] = []): RecordSummary {
  const body = parseBody(record);
  const decision = body.decision && typeof body.decision === 'object' ? body.decision : null;
  return {
    id: record.id,
    boardId: record.boardId,
    seq: record.seq,
    title: typeof body.title === 'string' ? body.title : '',
    createdAt: new Date(record.createdAt).toISOString(),
    hash: record.hash,
    prevHash: record.prevHash,
    bodyHash: record.bodyHash,
    snapshotHash: record.snapshotHash,
    supersedes: decision?.supersedes ?? null,
    supersededBy,
  };
}

/** The full view of a stored record; a body that no longer parses shows as no decision and no Markdown. */
export function recordView(record: StoredRecord, supersededBy: SupersedingRecord[] = []): RecordView {
  const body = parseBody(record);
  return {
    ...summarize(record, supersededBy),
    decision: body.decision && typeof body.decision === 'object' ? body.decision : null,
    markdown: typeof body.markdown === 'string' ? body.markdown : '',
  };
}
