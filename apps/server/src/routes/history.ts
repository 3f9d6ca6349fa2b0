import type { FastifyPluginAsync } from 'fastify';
import * as Y from 'yjs';
import {
  PERSON_ID_PATTERN,
  boardHistorySchema,
  boardParams,
  createdBoardSchema,
  historyQuerySchema,
  restoredVersionSchema,
  versionParams,
  type BoardHistory,
  type BoardVersion,
  type HistoryQuery,
  type RestoredVersion,
  type VersionAuthor,
} from '@accord/api';
import { BoardRestoreError, boardSchema, contentRoom, isRole, readPeople, renameDocumentUpdate, restoreBoardVersion, type RestoredBoard } from '@accord/board';
import { SERVER_AUTHOR } from '@accord/relay';
import { requireRole } from '../access.ts';
import { readTimeline, type TimelineStep } from '../boardTimeline.ts';
import type { AppContext } from '../context.ts';
import { createBoard, restoredTitle } from '../createBoard.ts';
import { Errors } from '../errors.ts';
import { authorFor } from '../roomPolicy.ts';

/** What the history routes are registered with. */
export type HistoryRoutesOptions = Pick<AppContext, 'config' | 'boards' | 'rooms' | 'history' | 'relay'>;

type VersionParams = { id: string; seq: string };

const personId = new RegExp(PERSON_ID_PATTERN);

/** How a stored author is shown: a person by their name on the board, a role, Accord itself. */
export function versionAuthor(author: string | null, names: ReadonlyMap<string, string>): VersionAuthor {
  if (author === null) return { kind: 'unknown', id: null, name: 'Unknown' };
  if (author === SERVER_AUTHOR) return { kind: 'server', id: null, name: 'Accord' };
  if (isRole(author)) return { kind: 'role', id: author, name: `A ${author}` };
  if (personId.test(author)) return { kind: 'person', id: author, name: names.get(author) || 'Someone' };
  return { kind: 'unknown', id: author, name: 'Unknown' };
}

function wireVersion(step: TimelineStep, names: ReadonlyMap<string, string>): BoardVersion {
  return {
    seq: step.seq,
    kind: step.kind,
    startedAt: new Date(step.startedAt).toISOString(),
    at: new Date(step.at).toISOString(),
    author: versionAuthor(step.author, names),
    changes: step.changes,
    deleted: step.deleted,
    updates: step.updates,
    restoredFrom: step.restoredFrom,
  };
}

/**
 * A board's history (ARCHITECTURE.md, "History"), for facilitators: the versions, one version's
 * content, restoring one in place for everyone, or into a new board. Only the content room has a
 * timeline: facilitation state (timer, vote, lock) is not content one goes back to.
 */
export const historyRoutes: FastifyPluginAsync<HistoryRoutesOptions> = async (app, opts) => {
  const { history, relay } = opts;
  const facilitator = requireRole('facilitator');

  /** The content of version `seq` of a board, or a 404 when the history does not hold it. */
  const versionState = async (boardId: string, seq: string): Promise<Uint8Array> => {
    const state = await history.roomStateAt(contentRoom(boardId), Number(seq));
    if (!state) throw Errors.versionNotFound();
    return state;
  };

  app.get<{ Params: { id: string }; Querystring: HistoryQuery }>(
    '/api/boards/:id/history',
    { schema: { params: boardParams, querystring: historyQuerySchema, response: { 200: boardHistorySchema } }, preHandler: facilitator },
    async (req): Promise<BoardHistory> => {
      const room = contentRoom(req.board.id);
      const before = req.query.before === undefined ? undefined : Number(req.query.before);
      // Who is who, read in place from the loaded room (no copy of the board per request).
      const [page, names] = await Promise.all([readTimeline(history, room, before), relay.readRoom(room, (doc) => new Map(readPeople(doc).map((p) => [p.id, p.name])))]);
      return { versions: page.steps.map((s) => wireVersion(s, names)), next: page.next, retentionDays: opts.config.historyDays };
    },
  );

  app.get<{ Params: VersionParams }>('/api/boards/:id/history/:seq/state', { schema: { params: versionParams }, preHandler: facilitator }, async (req, reply) => {
    const state = await versionState(req.board.id, req.params.seq);
    return reply.header('content-type', 'application/octet-stream').header('cache-control', 'no-store').send(Buffer.from(state));
  });

  app.post<{ Params: VersionParams }>(
    '/api/boards/:id/history/:seq/restore',
    { schema: { params: versionParams, response: { 200: restoredVersionSchema } }, preHandler: facilitator },
    async (req): Promise<RestoredVersion> => {
      const room = contentRoom(req.board.id);
      const restoredFrom = Number(req.params.seq);
      const version = new Y.Doc();
      Y.applyUpdate(version, await versionState(req.board.id, req.params.seq));
      let outcome: RestoredBoard = { set: 0, deleted: 0, skipped: 0 };
      let seq: number | null;
      try {
        // The difference to the live board, written as the server's change: stored, then everyone's board follows.
        seq = await relay.changeRoom(room, (doc) => {
          outcome = restoreBoardVersion(doc, version, boardSchema());
        });
      } catch (err) {
        if (err instanceof BoardRestoreError) throw Errors.restoreRefused(`That version cannot be restored in place: ${err.message}`);
        throw err;
      } finally {
        version.destroy();
      }
      // The restore is a version of its own in the timeline, by whoever asked for it. It is done
      // and everyone has it by now: failing to mark it only leaves it shown as the server's edit.
      if (seq !== null) {
        await history.markRestore(room, seq, { author: authorFor(req), restoredFrom }).catch((err: unknown) => req.log.warn({ err, boardId: req.board.id, seq }, 'could not mark the restore in the history'));
      }
      req.log.info({ boardId: req.board.id, restoredFrom, seq, set: outcome.set, deleted: outcome.deleted }, 'board restored to an earlier version');
      return { restoredFrom, seq, undoSeq: seq === null ? null : seq - 1, set: outcome.set, deleted: outcome.deleted };
    },
  );

  app.post<{ Params: VersionParams }>(
    '/api/boards/:id/history/:seq/new-board',
    { schema: { params: versionParams, response: { 201: createdBoardSchema } }, onRequest: app.rateLimitFor('create'), preHandler: facilitator },
    async (req, reply) => {
      const state = await versionState(req.board.id, req.params.seq);
      const title = restoredTitle(req.board.title);
      const rename = renameDocumentUpdate(state, title);
      const created = await createBoard(opts, req, { title, template: null, contentUpdates: rename ? [state, rename] : [state] });
      req.log.info({ boardId: created.id, from: req.board.id, seq: Number(req.params.seq) }, 'board made from an earlier version');
      return reply.code(201).send(created);
    },
  );
};
