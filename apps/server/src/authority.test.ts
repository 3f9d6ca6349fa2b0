import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { join } from 'node:path';
import { createShapeId, toRichText, type TLRecord } from 'tldraw';
import { openSqliteStorage } from '@accord/storage';
import { PERSON_HEADER } from '@accord/api';
import { getPeopleMap, getRecordsKV, getSchemaMap, readDocumentRecord, readRecords, SCHEMA_KEY, boardSchema, upsertPerson } from '@accord/board';
import { createShapeRecord } from '@accord/board/fixtures';
import { connectClient, removeDir, startServer, tempDir, waitFor, waitSynced, type RunningServer } from './test/helpers.ts';
import { rawClient, updateFrame, waitDenied, type RawClient } from './test/protocol.ts';
import { PAGE_ID } from './test/board.ts';

// "The server is the authority": each forgery a participant with a raw websocket could try is
// refused — not stored, not broadcast, the writer told — and, in the same test, a valid edit from
// the same person (reconnecting, as the web app does after a refusal) is stored.

const PAT = 'pat-person-key-0123456789abcdef';
const FAY = 'fay-person-key-0123456789abcdef';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(dataDir?: string) {
  const dir = dataDir ?? tempDir();
  const s: RunningServer = await startServer({ dataDir: dir });
  if (!dataDir) cleanups.push(() => removeDir(dir));
  cleanups.push(() => s.stop().catch(() => {}));
  const board = await s.createBoard('Workshop');
  const state = async () => {
    const res = await fetch(`${s.http}/api/boards/${board.id}/state`, { headers: { authorization: `Bearer ${board.tokens.viewer}` } });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()));
    return doc;
  };
  const raw = async (key: string, token = board.tokens.participant, room = board.id): Promise<RawClient> => {
    const c = await rawClient(`${s.ws}/${room}?token=${token}&person=${key}`);
    cleanups.push(() => c.ws.close());
    return c;
  };
  /** An update made on top of the board's stored state by `change`. */
  const forge = async (change: (doc: Y.Doc) => void) => {
    const doc = await state();
    const before = Y.encodeStateVector(doc);
    change(doc);
    return Y.encodeStateAsUpdate(doc, before);
  };
  const personId = async (key: string) =>
    ((await (await fetch(`${s.http}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.tokens.participant}`, [PERSON_HEADER]: key } })).json()) as { personId: string }).personId;
  return { s, dir, board, state, raw, forge, personId };
}

const note = (id: string, extra: Partial<TLRecord> = {}) =>
  createShapeRecord({ id: createShapeId(id), type: 'note', parentId: PAGE_ID, index: 'a1' as never, props: { richText: toRichText(id) }, ...(extra as object) }) as TLRecord;

/** Sends `update` as `key`, expects "permission denied", then checks a valid note from the same person is stored. */
async function refusedThenValid(t: Awaited<ReturnType<typeof setup>>, update: Uint8Array, label: string) {
  const c = await t.raw(PAT);
  c.ws.send(updateFrame(update));
  await waitDenied(c);
  const again = await t.raw(PAT);
  const valid = await t.forge((doc) => getRecordsKV(doc).set(`shape:valid-${label}`, note(`valid-${label}`)));
  again.ws.send(updateFrame(valid));
  const stored = async () => getRecordsKV(await t.state()).has(`shape:valid-${label}`);
  for (let i = 0; i < 100 && !(await stored()); i++) await new Promise((r) => setTimeout(r, 20));
  expect(await stored()).toBe(true);
  expect(again.types()).not.toContain(2);
}

describe('the server is the authority over what a board holds', () => {
  it('refuses records that are not { key, val } of a valid record, and stores the next valid edit', async () => {
    const t = await setup();
    const forgeries: Array<[string, (doc: Y.Doc) => void]> = [
      ['null', (d) => d.getArray('records').push([null])],
      ['number', (d) => d.getArray('records').push([7])],
      ['no-val', (d) => d.getArray('records').push([{ key: 'shape:x' }])],
      ['wrong-id', (d) => d.getArray('records').push([{ key: 'shape:x', val: note('y') }])],
      ['bad-shape', (d) => getRecordsKV(d).set('shape:bad', { ...note('bad'), props: { nonsense: true } } as never)],
    ];
    for (const [label, change] of forgeries) {
      await refusedThenValid(t, await t.forge(change), label);
      const doc = await t.state();
      expect(doc.getArray('records').toArray().every((e) => e && typeof e === 'object' && typeof (e as { key?: unknown }).key === 'string')).toBe(true);
      expect(readRecords(doc).some((r) => r.id === 'shape:x' || r.id === 'shape:bad')).toBe(false);
    }
  });

  it('keeps the schema readable and the title the facilitator’s', async () => {
    const t = await setup();
    const ours = boardSchema().serialize();
    const newer = { ...ours, sequences: { ...ours.sequences, 'com.tldraw.shape.note': 99 } };
    await refusedThenValid(t, await t.forge((d) => getSchemaMap(d).set(SCHEMA_KEY, newer)), 'schema');
    expect(getSchemaMap(await t.state()).get(SCHEMA_KEY)).toEqual(ours);
    await refusedThenValid(
      t,
      await t.forge((d) => getRecordsKV(d).set('document:document', { ...readDocumentRecord(d)!, name: 'Hijacked' })),
      'rename',
    );
    expect(readDocumentRecord(await t.state())?.name).toBe('Workshop');
  });

  it('lets nobody write someone else’s people entry or a stronger role', async () => {
    const t = await setup();
    const fay = await t.personId(FAY);
    const pat = await t.personId(PAT);
    expect(pat).not.toBe(fay);
    const entry = { id: fay, name: 'Alice', color: '#e03131', role: 'facilitator', party: null, lastSeen: 1 } as const;
    await refusedThenValid(t, await t.forge((d) => upsertPerson(d, entry)), 'other-person');
    await refusedThenValid(t, await t.forge((d) => upsertPerson(d, { ...entry, id: pat })), 'stronger-role');
    const c = await t.raw(PAT);
    c.ws.send(updateFrame(await t.forge((d) => upsertPerson(d, { ...entry, id: pat, name: 'Pat', role: 'participant' }))));
    for (let i = 0; i < 100 && !getPeopleMap(await t.state()).has(pat); i++) await new Promise((r) => setTimeout(r, 20));
    expect([...getPeopleMap(await t.state()).keys()]).toEqual([pat]);
  });

  it('keeps template structure the facilitator’s: a participant cannot move or delete a frame', async () => {
    const t = await setup();
    const frame = createShapeRecord({ id: createShapeId('frame'), type: 'frame', parentId: PAGE_ID, props: { w: 300, h: 200 }, meta: { accord: { template: 'needs-vs-positions', kind: 'need', area: 'em-need' } } }) as TLRecord;
    const fay = await t.raw(FAY, t.board.tokens.facilitator);
    fay.ws.send(updateFrame(await t.forge((d) => getRecordsKV(d).set(frame.id, frame))));
    for (let i = 0; i < 100 && !getRecordsKV(await t.state()).has(frame.id); i++) await new Promise((r) => setTimeout(r, 20));
    await refusedThenValid(t, await t.forge((d) => getRecordsKV(d).set(frame.id, { ...frame, x: 500 } as TLRecord)), 'move-frame');
    await refusedThenValid(t, await t.forge((d) => getRecordsKV(d).delete(frame.id)), 'delete-frame');
    expect(getRecordsKV(await t.state()).get(frame.id)).toEqual(frame);
  });

  it('stamps the identity the server knows over what awareness claims', async () => {
    const t = await setup();
    const watcher = connectClient(t.s.ws, t.board.id, t.board.tokens.facilitator);
    cleanups.push(() => watcher.provider.destroy());
    await waitSynced(watcher.provider);
    const fay = await t.personId(FAY);
    // A viewer claims to be the facilitator, by name, role and id, in `user` and in tldraw's presence.
    const viewer = connectClient(t.s.ws, t.board.id, t.board.tokens.viewer);
    viewer.provider.awareness.setLocalState({ user: { id: fay, name: 'Fac', role: 'facilitator', color: '#000' }, presence: { userId: `user:${fay}`, userName: 'Fac' } });
    cleanups.push(() => viewer.provider.destroy());
    const seen = () => watcher.provider.awareness.getStates().get(viewer.provider.awareness.clientID) as { user?: { id: string; role: string }; presence?: { userId: string } } | undefined;
    await waitFor(() => seen()?.user !== undefined, 'the viewer’s awareness');
    expect(seen()!.user!.role).toBe('viewer');
    expect(seen()!.user!.id).not.toBe(fay);
    expect(seen()!.presence!.userId).not.toBe(`user:${fay}`);
  });

  it('loads a board poisoned before writes were judged, and records and restores it', async () => {
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    const first = await setup(dir);
    const boardId = first.board.id;
    await first.s.stop();
    // What an unjudged server stored: entries that are not records, next to a real note.
    const storage = await openSqliteStorage({ file: join(dir, 'accord.db') });
    const poison = new Y.Doc();
    poison.getArray('records').push([null, 7, { key: 'shape:half' }, { key: note('ok').id, val: note('ok') }]);
    await storage.appendUpdates([{ room: boardId, update: Y.encodeStateAsUpdate(poison) }]);
    await storage.close();

    const s = await startServer({ dataDir: dir });
    cleanups.push(() => s.stop().catch(() => {}));
    const client = connectClient(s.ws, boardId, first.board.tokens.facilitator);
    cleanups.push(() => client.provider.destroy());
    await waitSynced(client.provider);
    expect(getRecordsKV(client.doc).has(note('ok').id)).toBe(true);
    expect(getRecordsKV(client.doc).malformed).toBe(3);
    const auth = { authorization: `Bearer ${first.board.tokens.facilitator}`, 'content-type': 'application/json' };
    const rec = await fetch(`${s.http}/api/boards/${boardId}/records`, { method: 'POST', headers: auth, body: JSON.stringify({ title: 'After the poison', decision: 'We keep going.' }) });
    expect(rec.status).toBe(201);
    const { id } = (await rec.json()) as { id: string };
    const restored = await fetch(`${s.http}/api/boards/${boardId}/records/${id}/restore`, { method: 'POST', headers: { authorization: auth.authorization } });
    expect(restored.status).toBe(201);
  });
});
