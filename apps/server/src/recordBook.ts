import * as Y from 'yjs';
import type { BoardRow, RecordLink, RecordStore, StoredRecord } from '@accord/storage';
import { contentRoom, facilitationRoom } from '@accord/board';
import { buildDecisionRecord, renderMarkdown, type DecisionInput } from '@accord/record';
import { newId } from './ids.ts';
import { KeyedQueue } from './keyedQueue.ts';
import { RECORD_BODY_VERSION, chainLink, encodeSnapshot } from './recordChain.ts';
import type { RecordBody } from './recordViews.ts';

/** Where the record book reads a room's current durable state: the relay (`Relay.getRoomState`). */
export interface RoomStateReader {
  getRoomState(room: string): Promise<Uint8Array>;
}

/** How often an append is retried after another server instance took the seq it wanted. */
const MAX_APPEND_ATTEMPTS = 8;

/**
 * Writes decision records: freezes both rooms of a board as the relay holds them durably (R2:
 * everything any client has received is there), builds the DecisionRecord and its Markdown, and
 * appends the record to the board's hash chain. Appends to one board are serialized in this process; a seq taken
 * meanwhile by another instance is retried from fresh state, so the chain stays linear.
 */
export class RecordBook {
  private readonly queue = new KeyedQueue();
  private readonly records: RecordStore;
  private readonly rooms: RoomStateReader;

  constructor(records: RecordStore, rooms: RoomStateReader) {
    this.records = records;
    this.rooms = rooms;
  }

  /** Appends a record; `supersedes` (checked by the caller) is what `input.supersedes` names, kept where the store can find it. */
  append(board: BoardRow, input: DecisionInput, supersedes: RecordLink | null = null): Promise<StoredRecord> {
    return this.queue.run(board.id, () => this.appendNow(board, input, supersedes));
  }

  private async appendNow(board: BoardRow, input: DecisionInput, supersedes: RecordLink | null): Promise<StoredRecord> {
    for (let attempt = 1; ; attempt++) {
      const existing = await this.records.listRecords(board.id);
      const prev = existing.reduce<StoredRecord | null>((last, r) => (!last || r.seq > last.seq ? r : last), null);
      const seq = (prev?.seq ?? 0) + 1;
      const built = await this.build(board, input, seq, prev);
      const record: StoredRecord = supersedes ? { ...built, supersedes } : built;
      try {
        await this.records.insertRecord(record);
        return record;
      } catch (err) {
        // Another instance may have appended meanwhile: the (boardId, seq) is taken. Anything else is a real failure.
        const now = await this.records.listRecords(board.id);
        if (attempt >= MAX_APPEND_ATTEMPTS || !now.some((r) => r.seq >= seq)) throw err;
      }
    }
  }

  private async build(board: BoardRow, input: DecisionInput, seq: number, prev: StoredRecord | null): Promise<StoredRecord> {
    const [content, facilitation] = await Promise.all([this.rooms.getRoomState(contentRoom(board.id)), this.rooms.getRoomState(facilitationRoom(board.id))]);
    const contentDoc = new Y.Doc();
    Y.applyUpdate(contentDoc, content);
    const facilitationDoc = new Y.Doc();
    Y.applyUpdate(facilitationDoc, facilitation);
    const createdAt = Date.now();
    const id = newId(12);
    const decision = buildDecisionRecord({ boardId: board.id, boardTitle: board.title, recordedAt: createdAt, input, content: contentDoc, facilitation: facilitationDoc });
    const markdown = renderMarkdown(decision);
    contentDoc.destroy();
    facilitationDoc.destroy();
    const body: RecordBody = { v: RECORD_BODY_VERSION, id, boardId: board.id, seq, createdAt: new Date(createdAt).toISOString(), title: input.title, decision, markdown };
    const bodyText = JSON.stringify(body);
    const snapshot = encodeSnapshot(content, facilitation);
    return { id, boardId: board.id, seq, createdAt, body: bodyText, snapshot, ...chainLink(board.id, seq, prev, bodyText, snapshot) };
  }
}
