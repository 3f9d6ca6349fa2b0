import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import * as Y from 'yjs';
import { TLDOCUMENT_ID, createTLSchema, parseTldrawJsonFile, type TLRecord } from 'tldraw';
import { readSession } from '@accord/board';
import { MAX_IMPORT_BYTES, type CreatedBoard } from '@accord/api';
import { connectClient, removeDir, startServer, tempDir, waitFor, type RunningServer } from './test/helpers.ts';
import { recordsOf, sampleStore, serializeTldr } from './test/board.ts';

let s: RunningServer;
let dir: string;
beforeAll(async () => {
  dir = tempDir();
  s = await startServer({ dataDir: dir });
});
afterAll(async () => {
  await s.stop();
  removeDir(dir);
});

function importFile(body: unknown) {
  return fetch(`${s.http}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

async function state(id: string, token: string): Promise<Uint8Array> {
  const res = await fetch(`${s.http}/api/boards/${id}/state`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

/** How many boards the store holds, read from the SQLite file itself. */
function boardCount(): number {
  const db = new Database(join(dir, 'accord.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM boards').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const byId = (records: TLRecord[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));
const file = () => JSON.parse(serializeTldr(sampleStore())) as { tldrawFileFormatVersion: number; schema: { sequences: Record<string, number> }; records: Array<Record<string, unknown>> };

describe('POST /api/boards/import', () => {
  it('a .tldr written by tldraw round-trips: same shapes, bindings, pages and assets; session records left out', async () => {
    const store = sampleStore('Launch review');
    const json = serializeTldr(store);
    // tldraw itself accepts the file.
    expect(parseTldrawJsonFile({ json, schema: createTLSchema() }).ok).toBe(true);

    const res = await importFile({ file: JSON.parse(json) });
    expect(res.status).toBe(201);
    const created = (await res.json()) as CreatedBoard;
    expect(created).toMatchObject({ title: 'Launch review', template: null });
    expect(created.links.facilitator.endsWith(`/b/${created.id}#t=${created.tokens.facilitator}`)).toBe(true);

    const imported = recordsOf(await state(created.id, created.tokens.viewer));
    const documentScope = (JSON.parse(json) as { records: TLRecord[] }).records.filter((r) => store.schema.types[r.typeName].scope === 'document');
    expect(documentScope.map((r) => r.typeName).sort()).toEqual(['asset', 'binding', 'binding', 'document', 'page', 'shape', 'shape', 'shape', 'shape', 'shape']);
    expect(byId(imported)).toEqual(byId(documentScope));
    expect(imported.some((r) => r.typeName === 'camera')).toBe(false);
    const noteRecord = imported.find((r) => r.id === 'shape:decide') as TLRecord & { props: { richText: unknown } };
    expect(noteRecord.props.richText).toEqual((store.get(noteRecord.id) as typeof noteRecord).props.richText);
    expect(imported.filter((r) => r.typeName === 'binding').map((r) => (r as TLRecord & { toId: string }).toId).sort()).toEqual(['shape:left', 'shape:right']);

    // The board opens over the relay like any other, with the schema it was written in.
    const c = connectClient(s.ws, created.id, created.tokens.participant);
    try {
      await waitFor(() => c.doc.getMap('schema').get('schema') !== undefined, 'imported board over sync');
      expect(c.doc.getMap('schema').get('schema')).toEqual(createTLSchema().serialize());
    } finally {
      c.provider.destroy();
    }
    const get = await fetch(`${s.http}/api/boards/${created.id}`, { headers: { authorization: `Bearer ${created.tokens.viewer}` } });
    expect(await get.json()).toMatchObject({ title: 'Launch review', role: 'viewer' });
  });

  it('a given title wins and renames the document record; no name at all gives "Imported board"', async () => {
    const named = (await (await importFile({ title: '  Offsite  ', file: file() })).json()) as CreatedBoard;
    expect(named.title).toBe('Offsite');
    const doc = recordsOf(await state(named.id, named.tokens.viewer)).find((r) => r.id === TLDOCUMENT_ID) as TLRecord & { name: string };
    expect(doc.name).toBe('Offsite');

    const unnamed = file();
    unnamed.records = unnamed.records.filter((r) => r.typeName !== 'document');
    const res = await importFile({ file: unnamed });
    expect(res.status).toBe(201);
    expect(((await res.json()) as CreatedBoard).title).toBe('Imported board');
  });

  it('drops assets no shape uses, as tldraw does', async () => {
    const f = file();
    f.records.push({ id: 'asset:orphan', typeName: 'asset', type: 'image', props: { name: 'o.png', src: null, w: 1, h: 1, mimeType: 'image/png', isAnimated: false }, meta: {} });
    const created = (await (await importFile({ file: f })).json()) as CreatedBoard;
    const ids = recordsOf(await state(created.id, created.tokens.viewer)).map((r) => r.id);
    expect(ids).toContain('asset:image');
    expect(ids).not.toContain('asset:orphan');
  });

  it('migrates a file from an older tldraw (a note from before rich text)', async () => {
    const f = file();
    f.schema.sequences['com.tldraw.shape.note'] = 8;
    const old = f.records.find((r) => r.id === 'shape:decide') as { props: Record<string, unknown> };
    const { richText: _r, textLastEditedBy: _t, ...props } = old.props;
    old.props = { ...props, text: 'plain old text', fontSizeAdjustment: 0 };
    const res = await importFile({ file: f });
    expect(res.status).toBe(201);
    const created = (await res.json()) as CreatedBoard;
    const migrated = recordsOf(await state(created.id, created.tokens.viewer)).find((r) => r.id === 'shape:decide') as TLRecord & { props: Record<string, unknown> };
    expect(migrated.props.text).toBeUndefined();
    expect(JSON.stringify(migrated.props.richText)).toContain('plain old text');
  });

  it.each([
    ['not an object', { file: 'hello' }],
    ['no records', { file: { tldrawFileFormatVersion: 1, schema: { schemaVersion: 2, sequences: {} } } }],
    ['records without ids', { file: { tldrawFileFormatVersion: 1, schema: { schemaVersion: 2, sequences: {} }, records: [{ typeName: 'shape' }] } }],
    ['a format version of 0', { file: { ...file(), tldrawFileFormatVersion: 0 } }],
    ['a schema without sequences', { file: { ...file(), schema: { schemaVersion: 2 } } }],
    ['an unknown record type', { file: { ...file(), records: [...file().records, { id: 'alien:1', typeName: 'alien' }] } }],
  ])('refuses a file with %s: 400 ACCORD_IMPORT_INVALID, no board created', async (_what, body) => {
    const before = boardCount();
    const res = await importFile(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ statusCode: 400, code: 'ACCORD_IMPORT_INVALID', error: 'Bad Request' });
    expect(boardCount()).toBe(before);
  });

  it('names the record that fails validation, and creates nothing', async () => {
    const f = file();
    const bad = f.records.find((r) => r.id === 'shape:left') as { props: Record<string, unknown> };
    bad.props.w = 'wide';
    const before = boardCount();
    const res = await importFile({ file: f });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('ACCORD_IMPORT_INVALID');
    expect(body.message).toContain('shape:left');
    expect(boardCount()).toBe(before);
  });

  it('other bad bodies are plain 400s', async () => {
    for (const body of [{ file: file(), title: '' }, { file: file(), extra: 1 }, 'not json at all']) {
      const res = await importFile(body);
      expect(res.status).toBe(400);
    }
    expect(((await (await importFile({ file: file(), title: 'x'.repeat(201) })).json()) as { code: string }).code).toBe('ACCORD_BAD_REQUEST');
  });

  it.each([
    ['a newer file format', { ...file(), tldrawFileFormatVersion: 2 }],
    ['a newer shape sequence', (() => { const f = file(); f.schema.sequences['com.tldraw.shape.note'] = 999; return f; })()],
    ['a record type we do not know in the schema', (() => { const f = file(); f.schema.sequences['com.example.widget'] = 1; return f; })()],
    ['a newer schema format', { ...file(), schema: { schemaVersion: 3 } }],
  ])('refuses %s with 422 ACCORD_IMPORT_UNSUPPORTED, no board created', async (_what, f) => {
    const before = boardCount();
    const res = await importFile({ file: f });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ statusCode: 422, code: 'ACCORD_IMPORT_UNSUPPORTED', error: 'Unprocessable Entity' });
    expect(boardCount()).toBe(before);
  });

  it('says a tldraw 1 file is unsupported', async () => {
    const res = await importFile({ file: { document: { version: 15.5, pages: {} }, assets: {} } });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { message: string }).message).toMatch(/tldraw 1/);
  });

  it('refuses a body over 20 MiB with 413 ACCORD_TOO_LARGE, no board created', async () => {
    const before = boardCount();
    const f = file();
    f.records.push({ id: 'asset:huge', typeName: 'asset', props: { src: `data:image/png;base64,${'A'.repeat(MAX_IMPORT_BYTES)}` } });
    const res = await importFile({ file: f });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('ACCORD_TOO_LARGE');
    expect(body.message).toContain('20 MiB');
    expect(boardCount()).toBe(before);
  });

  it('needs no token, and does not touch facilitation state', async () => {
    const created = (await (await importFile({ file: file() })).json()) as CreatedBoard;
    const c = connectClient(s.ws, `${created.id}/facilitation`, created.tokens.viewer);
    try {
      await waitFor(() => c.provider.synced, 'facilitation sync');
      expect(readSession(c.doc).locked).toBe(false);
      expect(Y.encodeStateVector(c.doc)).toEqual(Y.encodeStateVector(new Y.Doc()));
    } finally {
      c.provider.destroy();
    }
  });
});
