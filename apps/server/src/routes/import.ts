import type { FastifyPluginAsync, FastifySchemaValidationError, onRequestAsyncHookHandler } from 'fastify';
import * as Y from 'yjs';
import { MAX_IMPORT_BYTES, MAX_TITLE_LENGTH, createdBoardSchema, importBoardBodySchema, type CreatedBoard, type ImportBoardBody } from '@accord/api';
import { TldrFileError, boardSchema, isTldraw1File, readTldrFile, withDocumentName, writeBoardRecords, type TldrFile } from '@accord/board';
import type { AppContext } from '../context.ts';
import { createBoard } from '../createBoard.ts';
import { Errors, type AccordError } from '../errors.ts';

/** What the import route is registered with. */
export type ImportRoutesOptions = Pick<AppContext, 'config' | 'boards' | 'rooms'>;

const DEFAULT_TITLE = 'Imported board';

/**
 * Imports read at once on this instance. Each holds a body of up to 20 MiB and its parsed form, so
 * this bounds what imports can hold in memory whatever the number of addresses sending them.
 */
const MAX_IMPORTS_AT_ONCE = 2;

/** A file the request schema let through but that cannot become a board, as the HTTP error it is answered with. */
function importError(err: TldrFileError): AccordError {
  return err.kind === 'unsupported' ? Errors.importUnsupported(err.message) : Errors.importInvalid(err.message);
}

/** Reads the file with @accord/board, answering what it refuses as a 400 or 422. */
function readFile(file: TldrFile) {
  try {
    return readTldrFile(file, boardSchema());
  } catch (err) {
    throw err instanceof TldrFileError ? importError(err) : err;
  }
}

/**
 * `POST /api/boards/import`: a new board from a `.tldr` file (body `{ title?, file }`, the file as
 * parsed JSON). Needs no token, like `POST /api/boards`. Everything is checked before anything is
 * stored: a malformed file is a 400 `ACCORD_IMPORT_INVALID` naming what is wrong, a file from a
 * newer tldraw a 422 `ACCORD_IMPORT_UNSUPPORTED`, a body past 20 MiB a 413 `ACCORD_TOO_LARGE`, one
 * nested past `MAX_JSON_DEPTH` a 400 `ACCORD_JSON_TOO_DEEP` while it is still arriving (see
 * `jsonBody.ts`), more than `MAX_IMPORT_RECORDS` records a 400; per address imports are rate
 * limited, and at most two are read at once (429 with `Retry-After` otherwise).
 */
export const importRoutes: FastifyPluginAsync<ImportRoutesOptions> = async (app, opts) => {
  let importing = 0;
  // Before the body is read: a third import at once waits its turn at the client, not in our memory.
  const oneOfFew: onRequestAsyncHookHandler = async (_req, reply) => {
    if (importing >= MAX_IMPORTS_AT_ONCE) {
      reply.header('retry-after', '5');
      throw Errors.rateLimited('The server is reading other imports; try again in a few seconds');
    }
    importing++;
    reply.raw.once('close', () => importing--);
  };
  app.post<{ Body: ImportBoardBody }>(
    '/api/boards/import',
    {
      onRequest: [app.rateLimitFor('import'), oneOfFew],
      bodyLimit: MAX_IMPORT_BYTES,
      // Validation failures of the file get the import's own code, so the app can say "not a tldraw file".
      attachValidation: true,
      schema: { body: importBoardBodySchema, response: { 201: createdBoardSchema } },
    },
    async (req, reply) => {
      if (req.validationError) {
        const problems = req.validationError.validation as FastifySchemaValidationError[];
        const onFile = problems.some((v) => v.instancePath.startsWith('/file') || (v.keyword === 'required' && v.params.missingProperty === 'file'));
        if (!onFile) throw Errors.badRequest(req.validationError.message);
        if (isTldraw1File((req.body as { file?: unknown } | null)?.file)) {
          throw Errors.importUnsupported('This is a tldraw 1 file; open it in tldraw and save it again to import it');
        }
        throw Errors.importInvalid(`Not a tldraw file: ${req.validationError.message}`);
      }
      const imported = readFile(req.body.file);
      const title = (req.body.title?.trim() || imported.documentName || DEFAULT_TITLE).slice(0, MAX_TITLE_LENGTH).trim() || DEFAULT_TITLE;
      const doc = new Y.Doc();
      writeBoardRecords(doc, withDocumentName(imported.records, title), boardSchema());
      const update = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      const created: CreatedBoard = await createBoard(opts, req, { title, template: null, contentUpdates: [update] });
      req.log.info({ boardId: created.id, records: imported.records.length }, 'board imported from a .tldr file');
      return reply.code(201).send(created);
    },
  );
};
