import type { FastifyPluginAsync } from 'fastify';
import * as Y from 'yjs';
import {
  boardParams,
  chainCheckSchema,
  createdBoardSchema,
  keptHeadQuerySchema,
  newRecordBodySchema,
  recordListSchema,
  recordParams,
  recordViewSchema,
  snapshotQuerySchema,
  type ChainCheck,
  type KeptHeadQuery,
  type NewRecord,
  type RecordList,
  type RecordView,
  type SnapshotDoc,
} from '@accord/api';
import { titleSlug } from '@accord/record';
import { contentRoom, renameDocumentUpdate } from '@accord/board';
import type { StoredRecord } from '@accord/storage';
import { requireRole } from '../access.ts';
import type { AppContext } from '../context.ts';
import { createBoard, restoredTitle } from '../createBoard.ts';
import { Errors } from '../errors.ts';
import { RecordBook } from '../recordBook.ts';
import { checkChain, checkKeptHead, decodeSnapshot, sha256Hex, signedHead } from '../recordChain.ts';
import { resolveSupersedes, supersededByIndex } from '../recordLinks.ts';
import { recordView, summarize } from '../recordViews.ts';

/** What the record routes are registered with. */
export type RecordRoutesOptions = Pick<AppContext, 'config' | 'boards' | 'records' | 'rooms' | 'relay'>;

/** A Yjs update that changes nothing: what a room never written is served as, so clients can always apply it. */
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

/** True when `YYYY-MM-DD` names a day that exists. */
function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * The earliest day a review date may name for a decision recorded at `now`: the decision's date in
 * the time zone furthest behind UTC (UTC−12), so a facilitator anywhere may pick their own today.
 */
export function earliestReviewDate(now: number): string {
  return new Date(now - 12 * 3600_000).toISOString().slice(0, 10);
}

/** A file name for a record's Markdown: `decision-<seq>-<title words>.md`, ASCII only. */
function markdownFileName(seq: number, title: string): string {
  const words = titleSlug(title);
  return `decision-${seq}${words ? `-${words}` : ''}.md`;
}

/** The rooms of a record's snapshot; a snapshot that no longer matches its hash is never served or restored. */
function snapshotParts(record: StoredRecord): { content: Uint8Array; facilitation: Uint8Array } {
  if (sha256Hex(record.snapshot) !== record.snapshotHash) throw Errors.recordCorrupt();
  try {
    return decodeSnapshot(record.snapshot);
  } catch {
    throw Errors.recordCorrupt();
  }
}

/**
 * Decision records (ARCHITECTURE.md, "HTTP API"): record, list, verify, read as JSON or Markdown,
 * the frozen board bytes, restore into a new board; and the board's current state for comparison.
 */
export const recordRoutes: FastifyPluginAsync<RecordRoutesOptions> = async (app, opts) => {
  const { secret } = opts.config;
  const book = new RecordBook(opts.records, opts.relay);
  const findRecord = async (boardId: string, rid: string) => {
    const record = await opts.records.getRecord(boardId, rid);
    if (!record) throw Errors.recordNotFound();
    return record;
  };
  /** Later records superseding the board's records, derived when read (records never change). */
  const supersededByOf = async (boardId: string, records: readonly StoredRecord[]) => supersededByIndex(boardId, records, await opts.records.listSupersedingRecords(boardId));

  app.post<{ Params: { id: string }; Body: NewRecord }>(
    '/api/boards/:id/records',
    { schema: { params: boardParams, body: newRecordBodySchema, response: { 201: recordViewSchema } }, onRequest: app.rateLimitFor('records'), preHandler: requireRole('facilitator') },
    async (req, reply) => {
      const { board } = req;
      const { title, decision, owner, reviewDate, informed } = req.body;
      if (reviewDate && !isCalendarDate(reviewDate)) throw Errors.badRequest(`body/reviewDate "${reviewDate}" is not a calendar date`);
      // ISO days compare as strings. A review cannot come before the decision it reviews.
      if (reviewDate && reviewDate < earliestReviewDate(Date.now()))
        throw Errors.badRequest(`body/reviewDate "${reviewDate}" is before the decision date (${new Date().toISOString().slice(0, 10)}): a review comes on or after the day the decision is recorded`);
      const supersedes = req.body.supersedes ? await resolveSupersedes(req.body.supersedes, board, opts.records, (id, token, role) => app.authorizeBoard(id, token, role)) : null;
      const input = { title: title.trim(), statement: decision.trim(), owner: owner?.trim() || null, reviewDate: reviewDate ?? null, supersedes: supersedes?.ref ?? null, informed: informed ?? [] };
      const record = await book.append(board, input, supersedes?.link ?? null);
      req.log.info({ boardId: board.id, recordId: record.id, seq: record.seq, supersedes: supersedes?.link ?? null }, 'decision recorded');
      return reply.code(201).send(recordView(record));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/boards/:id/records',
    { schema: { params: boardParams, response: { 200: recordListSchema } }, preHandler: requireRole('viewer') },
    async (req): Promise<RecordList> => {
      const records = await opts.records.listRecords(req.board.id);
      const supersededBy = await supersededByOf(req.board.id, records);
      return { records: records.map((r) => summarize(r, supersededBy.get(r.id))), head: signedHead(secret, req.board.id, records) };
    },
  );

  // A static segment, so find-my-way prefers it to `:rid` (and `verify` is no record id anyway).
  app.get<{ Params: { id: string }; Querystring: KeptHeadQuery }>(
    '/api/boards/:id/records/verify',
    { schema: { params: boardParams, querystring: keptHeadQuerySchema, response: { 200: chainCheckSchema } }, preHandler: requireRole('viewer') },
    async (req): Promise<ChainCheck> => {
      const boardId = req.board.id;
      const records = await opts.records.listRecords(boardId);
      const chain = checkChain(boardId, records);
      if (!chain.ok) return chain;
      // A head kept from an earlier answer catches records removed from the end or a chain rewritten whole.
      const { seq, hash, signature } = req.query;
      if (seq !== undefined && hash !== undefined && signature !== undefined) {
        const brokenAt = checkKeptHead(secret, boardId, records, { seq: Number(seq), hash, signature });
        if (brokenAt) return { ok: false, count: chain.count, brokenAt };
      }
      return { ok: true, count: chain.count, head: signedHead(secret, boardId, records) };
    },
  );

  app.get<{ Params: { id: string; rid: string } }>(
    '/api/boards/:id/records/:rid',
    { schema: { params: recordParams, response: { 200: recordViewSchema } }, preHandler: requireRole('viewer') },
    async (req): Promise<RecordView> => {
      const record = await findRecord(req.board.id, req.params.rid);
      const supersededBy = await supersededByOf(req.board.id, await opts.records.listRecords(req.board.id));
      return recordView(record, supersededBy.get(record.id));
    },
  );

  app.get<{ Params: { id: string; rid: string } }>(
    '/api/boards/:id/records/:rid.md',
    { schema: { params: recordParams }, preHandler: requireRole('viewer') },
    async (req, reply) => {
      const view = recordView(await findRecord(req.board.id, req.params.rid));
      return reply
        .header('content-type', 'text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${markdownFileName(view.seq, view.title)}"`)
        .send(view.markdown);
    },
  );

  app.get<{ Params: { id: string; rid: string }; Querystring: { doc?: SnapshotDoc } }>(
    '/api/boards/:id/records/:rid/snapshot',
    { schema: { params: recordParams, querystring: snapshotQuerySchema }, preHandler: requireRole('viewer') },
    async (req, reply) => {
      const parts = snapshotParts(await findRecord(req.board.id, req.params.rid));
      const bytes = req.query.doc === 'facilitation' ? parts.facilitation : parts.content;
      return reply.header('content-type', 'application/octet-stream').send(Buffer.from(bytes.length ? bytes : EMPTY_UPDATE));
    },
  );

  app.post<{ Params: { id: string; rid: string } }>(
    '/api/boards/:id/records/:rid/restore',
    { schema: { params: recordParams, response: { 201: createdBoardSchema } }, onRequest: app.rateLimitFor('create'), preHandler: requireRole('viewer') },
    async (req, reply) => {
      const record = await findRecord(req.board.id, req.params.rid);
      const { content } = snapshotParts(record);
      const title = restoredTitle(summarize(record).title, 'Decision record');
      const rename = renameDocumentUpdate(content, title);
      const created = await createBoard(opts, req, { title, template: null, contentUpdates: rename ? [content, rename] : [content] });
      req.log.info({ boardId: created.id, from: req.board.id, recordId: record.id }, 'board restored from a decision record');
      return reply.code(201).send(created);
    },
  );

  app.get<{ Params: { id: string } }>('/api/boards/:id/state', { schema: { params: boardParams }, preHandler: requireRole('viewer') }, async (req, reply) => {
    const state = await opts.relay.getRoomState(contentRoom(req.board.id));
    return reply
      .header('content-type', 'application/octet-stream')
      .header('cache-control', 'no-store')
      .send(Buffer.from(state.length ? state : EMPTY_UPDATE));
  });
};
