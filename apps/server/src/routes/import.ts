import type { FastifyInstance, FastifySchemaValidationError } from 'fastify';
import * as Y from 'yjs';
import { createTLSchema, type TLSchema } from 'tldraw';
import { writeBoardRecords } from '@accord/board';
import type { AppContext } from '../context.ts';
import { Errors } from '../errors.ts';
import { readTldrFile, withDocumentName, type TldrFile } from '../tldrImport.ts';
import { createBoard, createdBoardSchema, titleSchema } from './boards.ts';

/** Largest import request, in bytes (a `.tldr` file with images inlined as data URLs can be big). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const MAX_TITLE = 200;
const DEFAULT_TITLE = 'Imported board';

/** The outline of a `.tldr` file, as tldraw's own file validator checks it; the rest is checked in `readTldrFile`. */
const tldrFileSchema = {
  type: 'object',
  properties: {
    tldrawFileFormatVersion: { type: 'integer', minimum: 1 },
    schema: { type: 'object', properties: { schemaVersion: { type: 'integer', minimum: 1 } }, required: ['schemaVersion'] },
    records: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'string', minLength: 1 }, typeName: { type: 'string', minLength: 1 } }, required: ['id', 'typeName'] },
    },
  },
  required: ['tldrawFileFormatVersion', 'schema', 'records'],
} as const;

interface ImportBody {
  title?: string;
  file: TldrFile;
}

/** The schema of the web app's store (`createTLStore` with tldraw's default shapes and bindings). */
let schema: TLSchema | null = null;
const ourSchema = () => (schema ??= createTLSchema());

/**
 * `POST /api/boards/import`: a new board from a `.tldr` file (body `{ title?, file }`, the file as
 * parsed JSON). Needs no token, like `POST /api/boards`. Everything is checked before anything is
 * stored: a malformed file is a 400 `ACCORD_IMPORT_INVALID` naming what is wrong, a file from a
 * newer tldraw a 422 `ACCORD_IMPORT_UNSUPPORTED`, a body past 20 MiB a 413 `ACCORD_TOO_LARGE`.
 */
export function importRoutes(ctx: AppContext) {
  return async function (app: FastifyInstance): Promise<void> {
    app.post<{ Body: ImportBody }>(
      '/api/boards/import',
      {
        bodyLimit: MAX_IMPORT_BYTES,
        // Validation failures of the file get the import's own code, so the app can say "not a tldraw file".
        attachValidation: true,
        schema: {
          body: { type: 'object', properties: { title: titleSchema, file: tldrFileSchema }, required: ['file'], additionalProperties: false },
          response: { 201: createdBoardSchema },
        },
      },
      async (req, reply) => {
        if (req.validationError) {
          const problems = req.validationError.validation as FastifySchemaValidationError[];
          const onFile = problems.some((v) => v.instancePath.startsWith('/file') || (v.keyword === 'required' && v.params.missingProperty === 'file'));
          if (!onFile) throw Errors.badRequest(req.validationError.message);
          const file: unknown = (req.body as { file?: unknown } | null)?.file;
          const document = file && typeof file === 'object' ? (file as { document?: { version?: unknown } }).document : undefined;
          if (document && typeof document === 'object' && document.version !== undefined) {
            throw Errors.importUnsupported('This is a tldraw 1 file; open it in tldraw and save it again to import it');
          }
          throw Errors.importInvalid(`Not a tldraw file: ${req.validationError.message}`);
        }
        const schema = ourSchema();
        const imported = readTldrFile(req.body.file, schema);
        const title = (req.body.title?.trim() || imported.documentName || DEFAULT_TITLE).slice(0, MAX_TITLE).trim() || DEFAULT_TITLE;
        const doc = new Y.Doc();
        writeBoardRecords(doc, withDocumentName(imported.records, title), schema);
        const update = Y.encodeStateAsUpdate(doc);
        doc.destroy();
        const created = await createBoard(ctx, req, { title, template: null, contentUpdates: [update] });
        req.log.info({ boardId: created.id, records: imported.records.length }, 'board imported from a .tldr file');
        return reply.code(201).send(created);
      },
    );
  };
}
