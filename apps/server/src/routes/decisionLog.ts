import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { zipSync, strToU8 } from 'fflate';
import {
  MAX_TITLE_LENGTH,
  boardParams,
  createdBoardSchema,
  decisionLogQuerySchema,
  followUpSessionBodySchema,
  followUpsViewSchema,
  recordParams,
  type DecisionLogQuery,
  type FollowUpsView,
  type NewFollowUpSession,
} from '@accord/api';
import { contentRoom, readDocumentRecord, readFollowUpOf } from '@accord/board';
import { adrFileName, adrSlug, decisionLogFiles, renderMadr, trackDecisions, type LogBoard } from '@accord/record';
import type { BoardRow, StoredRecord } from '@accord/storage';
import { requireRole } from '../access.ts';
import type { AppContext } from '../context.ts';
import { createBoard, publicOrigin } from '../createBoard.ts';
import { Errors } from '../errors.ts';
import { followUpBoardContent } from '../followUpBoard.ts';
import { logEntries } from '../recordLinks.ts';

/** What the decision log routes are registered with. */
export type DecisionLogRoutesOptions = Pick<AppContext, 'config' | 'boards' | 'records' | 'rooms' | 'relay'>;

/** Today on the server's clock, UTC: the day follow-ups and reviews are judged against. */
const today = (): string => new Date().toISOString().slice(0, 10);

/** The title of a follow-up board: the one asked for, else `Follow-up: <record title>`, at most 200 characters. */
function followUpTitle(asked: string | undefined, recordTitle: string): string {
  const title = asked?.trim() || `Follow-up: ${recordTitle.trim() || 'decision'}`;
  return title.length <= MAX_TITLE_LENGTH ? title : `${title.slice(0, MAX_TITLE_LENGTH - 1).trimEnd()}…`;
}

/**
 * The decision log (ARCHITECTURE.md, "Decision records"): a record as MADR, every record of the
 * board as a zip laid out for a repository, the follow-ups and reviews of the log, and "start the
 * follow-up session" — a new board carrying a record's open follow-ups and a link back to it.
 */
export const decisionLogRoutes: FastifyPluginAsync<DecisionLogRoutesOptions> = async (app, opts) => {
  /** The board's records as log entries, with what supersedes each (from this board and others). */
  const load = async (board: BoardRow, req: FastifyRequest) => {
    const records = await opts.records.listRecords(board.id);
    const entries = logEntries(board.id, records, await opts.records.listSupersedingRecords(board.id));
    const logBoard: LogBoard = { boardId: board.id, boardTitle: board.title, boardUrl: `${publicOrigin(opts.config, req)}/b/${board.id}`, chainLength: records.length };
    return { records, entries, logBoard };
  };
  const entryOf = async (board: BoardRow, rid: string, req: FastifyRequest) => {
    const log = await load(board, req);
    const entry = log.entries.find((e) => e.id === rid);
    if (!entry) throw log.records.some((r: StoredRecord) => r.id === rid) ? Errors.recordCorrupt() : Errors.recordNotFound();
    return { ...log, entry };
  };

  app.get<{ Params: { id: string; rid: string } }>(
    '/api/boards/:id/records/:rid/madr',
    { schema: { params: recordParams }, preHandler: requireRole('viewer') },
    async (req, reply) => {
      const { entry, logBoard } = await entryOf(req.board, req.params.rid, req);
      return reply
        .header('content-type', 'text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${adrFileName(entry.seq, entry.decision.title)}"`)
        .send(renderMadr(entry, logBoard));
    },
  );

  app.get<{ Params: { id: string }; Querystring: DecisionLogQuery }>(
    '/api/boards/:id/decision-log.zip',
    { schema: { params: boardParams, querystring: decisionLogQuerySchema }, preHandler: requireRole('viewer') },
    async (req, reply) => {
      const { entries, logBoard } = await load(req.board, req);
      const layout = req.query.layout ?? 'madr';
      const files = decisionLogFiles({ board: logBoard, entries, layout, today: today() });
      const mtime = new Date();
      const zip = zipSync(Object.fromEntries(files.map((f) => [f.path, [strToU8(f.text), { mtime }]])), { level: 6 });
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="decision-log-${adrSlug(req.board.title)}${layout === 'madr' ? '' : `-${layout}`}.zip"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(zip));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/boards/:id/follow-ups',
    { schema: { params: boardParams, response: { 200: followUpsViewSchema } }, preHandler: requireRole('viewer') },
    async (req): Promise<FollowUpsView> => {
      const { entries } = await load(req.board, req);
      const day = today();
      const followUpOf = await opts.relay.readRoom(contentRoom(req.board.id), (doc) => readFollowUpOf(readDocumentRecord(doc)?.meta));
      return { today: day, decisions: trackDecisions(entries, day), followUpOf };
    },
  );

  app.post<{ Params: { id: string; rid: string }; Body: NewFollowUpSession }>(
    '/api/boards/:id/records/:rid/follow-up',
    { schema: { params: recordParams, body: followUpSessionBodySchema, response: { 201: createdBoardSchema } }, onRequest: app.rateLimitFor('create'), preHandler: requireRole('viewer') },
    async (req, reply) => {
      const { entry } = await entryOf(req.board, req.params.rid, req);
      const decision = trackDecisions([entry], today())[0]!;
      const title = followUpTitle(req.body.title, entry.decision.title);
      const origin = { boardId: req.board.id, recordId: entry.id, seq: entry.seq, title: entry.decision.title };
      const recordUrl = `${publicOrigin(opts.config, req)}/b/${req.board.id}/records/${entry.id}`;
      const content = followUpBoardContent({ title, origin, recordUrl, fromBoardTitle: req.board.title, decision });
      const created = await createBoard(opts, req, { title, template: req.body.template, contentUpdates: [content] });
      req.log.info({ boardId: created.id, from: req.board.id, recordId: entry.id }, 'follow-up session started');
      return reply.code(201).send(created);
    },
  );
};
