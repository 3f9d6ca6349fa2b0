import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import { TLDOCUMENT_ID, type TLDocument } from 'tldraw';
import { contentRoom, getRecordsKV } from '@accord/board';
import type { StoredRecord } from '@accord/storage';
import type { AppContext } from '../context.ts';
import { authorize, bearerToken } from '../access.ts';
import { Errors } from '../errors.ts';
import { BOARD_ID_PATTERN } from '../ids.ts';
import { RecordBook, recordView, summarize } from '../recordBook.ts';
import { checkChain, checkKeptHead, decodeSnapshot, sha256Hex, signedHead } from '../recordChain.ts';
import { createBoard, createdBoardSchema } from './boards.ts';

/** Record ids are `newId(12)`: 16 base64url characters; anything 8–64 of that alphabet is accepted. */
const RECORD_ID_PATTERN = '^[A-Za-z0-9_-]{8,64}$';
const HASH = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
/** Longest board title (as `POST /api/boards`). */
const MAX_TITLE = 200;
/** A Yjs update that changes nothing: how an empty snapshot part (records made before rooms were read through the relay) is served, so clients can always apply it. */
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

const boardParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: BOARD_ID_PATTERN } },
  required: ['id'],
  additionalProperties: false,
} as const;

const recordParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: BOARD_ID_PATTERN }, rid: { type: 'string', pattern: RECORD_ID_PATTERN } },
  required: ['id', 'rid'],
  additionalProperties: false,
} as const;

const nonBlank = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength, pattern: '\\S' }) as const;

const createBody = {
  type: 'object',
  properties: {
    title: nonBlank(MAX_TITLE),
    decision: nonBlank(5000),
    owner: { type: ['string', 'null'], maxLength: 200 },
    // A calendar date; that the day exists is checked in the handler.
    reviewDate: { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  },
  required: ['title', 'decision'],
  additionalProperties: false,
} as const;

interface CreateBody {
  title: string;
  decision: string;
  owner?: string | null;
  reviewDate?: string | null;
}

const summaryProperties = {
  id: { type: 'string' },
  boardId: { type: 'string' },
  seq: { type: 'integer' },
  title: { type: 'string' },
  createdAt: { type: 'string' },
  hash: { type: 'string' },
  prevHash: { type: ['string', 'null'] },
  bodyHash: { type: 'string' },
  snapshotHash: { type: 'string' },
} as const;
const summarySchema = { type: 'object', properties: summaryProperties, required: Object.keys(summaryProperties) } as const;
const viewSchema = {
  type: 'object',
  properties: { ...summaryProperties, decision: { type: ['object', 'null'], additionalProperties: true }, markdown: { type: 'string' } },
  required: [...Object.keys(summaryProperties), 'decision', 'markdown'],
} as const;
const headSchema = {
  type: ['object', 'null'],
  properties: { seq: { type: 'integer' }, hash: { type: 'string' }, signature: { type: 'string' } },
  required: ['seq', 'hash', 'signature'],
} as const;

/** True when `YYYY-MM-DD` names a day that exists. */
function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A file name for a record's Markdown: `decision-<seq>-<title words>.md`, ASCII only. */
export function markdownFileName(seq: number, title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `decision-${seq}${words ? `-${words}` : ''}.md`;
}

/** The title of a board restored from a record. */
function restoredTitle(recordTitle: string): string {
  const suffix = ' (restored)';
  const base = recordTitle.trim() || 'Decision record';
  return base.length + suffix.length <= MAX_TITLE ? base + suffix : `${base.slice(0, MAX_TITLE - suffix.length).trimEnd()}${suffix}`;
}

/**
 * An update renaming the tldraw document record of a board state to `title` (the web app shows the
 * document's name as the board title), or null when there is none or it already has that name.
 */
function renameUpdate(content: Uint8Array, title: string): Uint8Array | null {
  if (content.length === 0) return null;
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, content);
    const kv = getRecordsKV(doc);
    const before = Y.encodeStateVector(doc);
    const document = kv.get(TLDOCUMENT_ID) as TLDocument | undefined;
    if (!document || document.name === title) return null;
    doc.transact(() => kv.set(TLDOCUMENT_ID, { ...document, name: title }));
    return Y.encodeStateAsUpdate(doc, before);
  } finally {
    doc.destroy();
  }
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
export function recordRoutes(ctx: AppContext) {
  const book = new RecordBook(ctx.storage, ctx.relay);
  const access = (boardId: string, header: string | undefined, needed: 'facilitator' | 'viewer' = 'viewer') =>
    authorize(ctx.storage, ctx.config.secret, boardId, bearerToken(header), needed);
  const findRecord = async (boardId: string, rid: string) => {
    const record = await ctx.storage.getRecord(boardId, rid);
    if (!record) throw Errors.recordNotFound();
    return record;
  };

  return async function (app: FastifyInstance): Promise<void> {
    app.post<{ Params: { id: string }; Body: CreateBody }>(
      '/api/boards/:id/records',
      { schema: { params: boardParams, body: createBody, response: { 201: viewSchema } } },
      async (req, reply) => {
        const { board } = await access(req.params.id, req.headers.authorization, 'facilitator');
        const { title, decision, owner, reviewDate } = req.body;
        if (reviewDate && !isCalendarDate(reviewDate)) throw Errors.badRequest(`body/reviewDate "${reviewDate}" is not a calendar date`);
        const record = await book.append(board, { title: title.trim(), statement: decision.trim(), owner: owner?.trim() || null, reviewDate: reviewDate ?? null });
        req.log.info({ boardId: board.id, recordId: record.id, seq: record.seq }, 'decision recorded');
        return reply.code(201).send(recordView(record));
      },
    );

    app.get<{ Params: { id: string } }>(
      '/api/boards/:id/records',
      { schema: { params: boardParams, response: { 200: { type: 'object', properties: { records: { type: 'array', items: summarySchema }, head: headSchema }, required: ['records', 'head'] } } } },
      async (req) => {
        const { board } = await access(req.params.id, req.headers.authorization);
        const records = await ctx.storage.listRecords(board.id);
        return { records: records.map(summarize), head: signedHead(ctx.config.secret, board.id, records) };
      },
    );

    // A static segment, so find-my-way prefers it to `:rid` (and `verify` is no record id anyway).
    app.get<{ Params: { id: string }; Querystring: { seq?: string; hash?: string; signature?: string } }>(
      '/api/boards/:id/records/verify',
      {
        schema: {
          params: boardParams,
          // A head kept from an earlier answer, to catch records removed from the end or a chain rewritten whole.
          querystring: {
            type: 'object',
            properties: { seq: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' }, hash: HASH, signature: HASH },
            dependencies: { seq: ['hash', 'signature'], hash: ['seq', 'signature'], signature: ['seq', 'hash'] },
            additionalProperties: false,
          },
        },
      },
      async (req) => {
        const { board } = await access(req.params.id, req.headers.authorization);
        const records = await ctx.storage.listRecords(board.id);
        const chain = checkChain(board.id, records);
        if (!chain.ok) return chain;
        const { seq, hash, signature } = req.query;
        if (seq !== undefined && hash !== undefined && signature !== undefined) {
          const brokenAt = checkKeptHead(ctx.config.secret, board.id, records, { seq: Number(seq), hash, signature });
          if (brokenAt) return { ok: false, count: chain.count, brokenAt };
        }
        return { ok: true, count: chain.count, head: signedHead(ctx.config.secret, board.id, records) };
      },
    );

    app.get<{ Params: { id: string; rid: string } }>(
      '/api/boards/:id/records/:rid',
      { schema: { params: recordParams, response: { 200: viewSchema } } },
      async (req) => {
        const { board } = await access(req.params.id, req.headers.authorization);
        return recordView(await findRecord(board.id, req.params.rid));
      },
    );

    app.get<{ Params: { id: string; rid: string } }>('/api/boards/:id/records/:rid.md', { schema: { params: recordParams } }, async (req, reply) => {
      const { board } = await access(req.params.id, req.headers.authorization);
      const view = recordView(await findRecord(board.id, req.params.rid));
      return reply
        .header('content-type', 'text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${markdownFileName(view.seq, view.title)}"`)
        .send(view.markdown);
    });

    app.get<{ Params: { id: string; rid: string }; Querystring: { doc?: 'content' | 'facilitation' } }>(
      '/api/boards/:id/records/:rid/snapshot',
      {
        schema: {
          params: recordParams,
          querystring: { type: 'object', properties: { doc: { type: 'string', enum: ['content', 'facilitation'] } }, additionalProperties: false },
        },
      },
      async (req, reply) => {
        const { board } = await access(req.params.id, req.headers.authorization);
        const parts = snapshotParts(await findRecord(board.id, req.params.rid));
        const bytes = req.query.doc === 'facilitation' ? parts.facilitation : parts.content;
        return reply.header('content-type', 'application/octet-stream').send(Buffer.from(bytes.length ? bytes : EMPTY_UPDATE));
      },
    );

    app.post<{ Params: { id: string; rid: string } }>(
      '/api/boards/:id/records/:rid/restore',
      { schema: { params: recordParams, response: { 201: createdBoardSchema } } },
      async (req, reply) => {
        const { board } = await access(req.params.id, req.headers.authorization);
        const record = await findRecord(board.id, req.params.rid);
        const { content } = snapshotParts(record);
        const title = restoredTitle(summarize(record).title);
        const rename = renameUpdate(content, title);
        const created = await createBoard(ctx, req, { title, template: null, contentUpdates: rename ? [content, rename] : [content] });
        req.log.info({ boardId: created.id, from: board.id, recordId: record.id }, 'board restored from a decision record');
        return reply.code(201).send(created);
      },
    );

    app.get<{ Params: { id: string } }>('/api/boards/:id/state', { schema: { params: boardParams } }, async (req, reply) => {
      const { board } = await access(req.params.id, req.headers.authorization);
      const state = await ctx.relay.getRoomState(contentRoom(board.id));
      return reply.header('content-type', 'application/octet-stream').header('cache-control', 'no-store').send(Buffer.from(state));
    });
  };
}
