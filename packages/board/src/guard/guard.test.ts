import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentRecordType, TLDOCUMENT_ID, createBindingId, createShapeId, type TLRecord } from 'tldraw';
import { boardSchema } from '../document.ts';
import { getRecordsKV, getSchemaMap, SCHEMA_KEY, writeBoardRecords } from '../doc.ts';
import { createBindingRecord, createShapeRecord } from '../fixtures.ts';
import { getPeopleMap } from '../people.ts';
import { getSessionMap, updateSession } from '../session.ts';
import { getVotesMap } from '../votes.ts';
import { facilitationRoom } from '../rooms.ts';
import { PAGE_ID, note } from '../test/helpers.ts';
import { createRoomGuard, type RoomGuard } from './guard.ts';
import type { Writer } from './rules.ts';

const schema = boardSchema();
const participant: Writer = { role: 'participant', personId: 'pat' };
const facilitator: Writer = { role: 'facilitator', personId: 'fay' };

const frame = createShapeRecord({
  id: createShapeId('frame'),
  type: 'frame',
  parentId: PAGE_ID,
  props: { w: 400, h: 300, name: 'EM · True need' },
  meta: { accord: { template: 'needs-vs-positions', kind: 'need', area: 'em-need', party: 'em' } },
});
const arrow = createShapeRecord({ id: createShapeId('arrow'), type: 'arrow', parentId: PAGE_ID, index: 'a3' as never, meta: { accord: { template: 'needs-vs-positions', kind: 'connector', area: 'x' } } });
const arrowBinding = createBindingRecord({ id: createBindingId('b1'), type: 'arrow', fromId: arrow.id, toId: frame.id, props: { terminal: 'end' } });

/** The server's durable doc and a client that writes to it; every admitted update is made durable at once unless `hold`. */
class Room {
  readonly durable = new Y.Doc();
  readonly guard: RoomGuard;
  constructor(name = 'board-0001', seed?: (doc: Y.Doc) => void) {
    if (seed) seed(this.durable);
    this.guard = createRoomGuard(name, this.durable, schema);
  }

  /** A client that has synced with the durable state. */
  client(): Y.Doc {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.durable));
    return doc;
  }

  /** What `change` does to `client`, judged; admitted updates become durable unless `hold`. */
  write(client: Y.Doc, writer: Writer, change: (doc: Y.Doc) => void, hold = false): string | null {
    const updates: Uint8Array[] = [];
    const on = (u: Uint8Array) => updates.push(u);
    client.on('update', on);
    change(client);
    client.off('update', on);
    const update = Y.mergeUpdates(updates);
    const reason = this.guard.admit(writer, update);
    if (!reason && !hold) {
      Y.applyUpdate(this.durable, update);
      this.guard.settled(update);
    }
    return reason;
  }
}

const rooms: Room[] = [];
afterEach(() => {
  for (const r of rooms.splice(0)) r.guard.destroy();
});

function board(): Room {
  const room = new Room('board-0001', (doc) =>
    writeBoardRecords(doc, [DocumentRecordType.create({ id: TLDOCUMENT_ID, name: 'Workshop' }), { id: PAGE_ID, typeName: 'page', name: 'Page 1', index: 'a1', meta: {} } as TLRecord, frame, arrow, arrowBinding], schema),
  );
  rooms.push(room);
  return room;
}

const put = (record: TLRecord) => (doc: Y.Doc) => getRecordsKV(doc).set(record.id, record);
const remove = (id: string) => (doc: Y.Doc) => getRecordsKV(doc).delete(id);

describe('validated writes: the records array', () => {
  it('admits a participant’s note and refuses entries that are not { key, val } of a valid record', () => {
    const room = board();
    const pat = room.client();
    expect(room.write(pat, participant, put(note('n1')))).toBeNull();
    const records = (doc: Y.Doc) => doc.getArray('records');
    expect(room.write(room.client(), participant, (d) => records(d).push([null]))).toMatch(/\{ key, val \}/);
    expect(room.write(room.client(), participant, (d) => records(d).push([42]))).toMatch(/\{ key, val \}/);
    expect(room.write(room.client(), participant, (d) => records(d).push([{ key: 'shape:x' }]))).toMatch(/\{ key, val \}/);
    expect(room.write(room.client(), participant, (d) => records(d).push([{ key: 'shape:x', val: note('y') }]))).toMatch(/its own key/);
    const bad = { ...note('z'), props: { ...note('z').props, color: 'ultraviolet' } } as TLRecord;
    expect(room.write(room.client(), participant, put(bad))).toMatch(/not valid/);
    expect(room.write(room.client(), participant, put({ ...note('c'), typeName: 'camera' } as unknown as TLRecord))).toMatch(/not valid/);
    expect(room.write(room.client(), participant, (d) => records(d).push([new Y.Map()]))).toMatch(/key, val|nested/);
    // The refusals changed nothing: a later valid write from a fresh client is judged against the real state.
    expect(room.write(room.client(), participant, put(note('n2')))).toBeNull();
    expect([...getRecordsKV(room.durable).map.keys()].filter((k) => k.startsWith('shape:n'))).toEqual(['shape:n1', 'shape:n2']);
  });

  it('judges an update against admitted updates that are not durable yet', () => {
    const room = board();
    const pat = room.client();
    expect(room.write(pat, participant, put(note('n1')), true)).toBeNull();
    expect(room.write(pat, participant, put({ ...note('n1'), x: 50 } as TLRecord), true)).toBeNull();
    expect(room.write(pat, participant, remove('shape:n1'), true)).toBeNull();
  });

  it('refuses an update that builds on changes the server never took', () => {
    const room = board();
    const pat = room.client();
    expect(room.write(pat, participant, put({ ...frame, x: 999 } as TLRecord))).toMatch(/facilitator/);
    // The client still holds its refused change; what it writes next depends on it.
    expect(room.write(pat, participant, put({ ...frame, x: 1000 } as TLRecord))).not.toBeNull();
  });
});

describe('validated writes: schema, title, structure, Accord meta', () => {
  it('keeps the schema to one the server can read', () => {
    const room = board();
    const newer = { ...schema.serialize(), sequences: { ...schema.serialize().sequences, 'com.tldraw.shape.note': 999 } };
    expect(room.write(room.client(), participant, (d) => getSchemaMap(d).set(SCHEMA_KEY, newer))).toMatch(/schema the server can read/);
    expect(room.write(room.client(), participant, (d) => getSchemaMap(d).set(SCHEMA_KEY, 'v2'))).toMatch(/schema the server can read/);
    expect(room.write(room.client(), participant, (d) => getSchemaMap(d).set('other', 1))).toMatch(/holds only/);
    expect(room.write(room.client(), participant, (d) => getSchemaMap(d).set(SCHEMA_KEY, schema.serialize()))).toBeNull();
  });

  it('lets only a facilitator rename the board or change its agenda', () => {
    const room = board();
    const renamed = DocumentRecordType.create({ id: TLDOCUMENT_ID, name: 'Hijacked' });
    expect(room.write(room.client(), participant, put(renamed))).toMatch(/only a facilitator/);
    expect(room.write(room.client(), participant, put({ ...renamed, name: 'Workshop', meta: { accordAgenda: [] } } as TLRecord))).toMatch(/only a facilitator/);
    expect(room.write(room.client(), participant, remove(TLDOCUMENT_ID))).toMatch(/cannot be deleted/);
    expect(room.write(room.client(), facilitator, put(renamed))).toBeNull();
  });

  it('lets nobody but the server say which record a board follows up, and keeps it through a facilitator’s changes', () => {
    const origin = { boardId: 'board-0002', recordId: 'rec-000001', seq: 1, title: 'Ship SSO' };
    const room = new Room('board-0001', (d) => writeBoardRecords(d, [DocumentRecordType.create({ id: TLDOCUMENT_ID, name: 'F', meta: { accordFollowUpOf: origin } })], schema));
    rooms.push(room);
    const doc = (meta: object) => DocumentRecordType.create({ id: TLDOCUMENT_ID, name: 'F', meta: meta as never });
    expect(room.write(room.client(), facilitator, put(doc({ accordFollowUpOf: { ...origin, recordId: 'forged-0001' } })))).toMatch(/follows up/);
    expect(room.write(room.client(), facilitator, put(doc({})))).toMatch(/follows up/);
    expect(room.write(room.client(), facilitator, put(doc({ accordFollowUpOf: origin, accordTemplateApplied: 'partnership-health' })))).toBeNull();
    expect(room.write(room.client(), facilitator, put(note('n', 0, { meta: { accordFollowUpOf: origin } })))).toMatch(/follows up/);
  });

  it('lets anyone give a board made before seeding tldraw’s blank document record, nothing more', () => {
    const room = new Room();
    rooms.push(room);
    expect(room.write(room.client(), participant, put(DocumentRecordType.create({ id: TLDOCUMENT_ID, name: 'Mine' })))).toMatch(/only a facilitator/);
    expect(room.write(room.client(), participant, put(DocumentRecordType.create({ id: TLDOCUMENT_ID })))).toBeNull();
  });

  it('keeps template frames, prompts and their arrows the facilitator’s', () => {
    const room = board();
    expect(room.write(room.client(), participant, put({ ...frame, x: 40 } as TLRecord))).toMatch(/template/);
    expect(room.write(room.client(), participant, remove(frame.id))).toMatch(/template/);
    expect(room.write(room.client(), participant, put({ ...arrowBinding, props: { ...arrowBinding.props, terminal: 'start' } } as TLRecord))).toMatch(/template/);
    expect(room.write(room.client(), participant, put(createShapeRecord({ ...frame, id: createShapeId('fake') } as never)))).toMatch(/template structure/);
    // A participant's note inside the frame, and the facilitator moving the frame, are fine.
    expect(room.write(room.client(), participant, put(note('inside', 10, { parentId: frame.id })))).toBeNull();
    expect(room.write(room.client(), facilitator, put({ ...frame, x: 40 } as TLRecord))).toBeNull();
    expect(room.write(room.client(), participant, remove(PAGE_ID))).toMatch(/page/);
  });

  it('never stores a private note, a forged vote result or someone else’s signature', () => {
    const room = board();
    expect(room.write(room.client(), participant, put(note('p', 0, { meta: { accordPrivate: { round: 'r', by: 'pat' } } })))).toMatch(/private/);
    expect(room.write(room.client(), participant, put(note('v', 0, { meta: { accordVotes: { vote: 'v1', total: 9, byRole: {} } } })))).toMatch(/vote results/);
    expect(room.write(room.client(), participant, put(note('a', 0, { meta: { accordAuthor: { id: 'fay', name: 'Fay' } } })))).toMatch(/signed/);
    expect(room.write(room.client(), participant, put(note('a', 0, { meta: { accordAuthor: { id: 'pat', name: 'Pat' } } })))).toBeNull();
    // Moving a note someone signed keeps their signature: allowed.
    expect(room.write(room.client(), participant, put(note('a', 80, { meta: { accordAuthor: { id: 'pat', name: 'Pat' } } })))).toBeNull();
  });
});

describe('validated writes: people, votes, unknown roots', () => {
  it('lets each person write only their own entry, with their own role', () => {
    const room = board();
    const entry = { name: 'Pat', color: '#e03131', role: 'participant', party: 'pm', lastSeen: 1 };
    expect(room.write(room.client(), participant, (d) => getPeopleMap(d).set('fay', { ...entry, name: 'Alice' }))).toMatch(/own entry/);
    expect(room.write(room.client(), participant, (d) => getPeopleMap(d).set('pat', { ...entry, role: 'facilitator' }))).toMatch(/own role/);
    expect(room.write(room.client(), participant, (d) => getPeopleMap(d).set('pat', entry))).toBeNull();
  });

  it('refuses ballots in the shared doc, unknown root types and nested types', () => {
    const room = board();
    expect(room.write(room.client(), facilitator, (d) => getVotesMap(d).set('v1:em:pat', new Y.Map()))).toMatch(/through the server|nested/);
    expect(room.write(room.client(), participant, (d) => d.getMap('evil').set('x', 1))).toMatch(/not part/);
    expect(room.write(room.client(), participant, (d) => d.getArray('records2').push([1]))).toMatch(/not part/);
  });
});

describe('validated writes: the facilitation session', () => {
  it('refuses, even from the server, an anonymous round that names its voters or splits its count', () => {
    const room = new Room(facilitationRoom('board-0001'));
    rooms.push(room);
    const round = { id: 'v1', open: false, votesPerPerson: 3, perNoteLimit: null, anonymous: true, revealed: true, frameId: null, voted: [], voterCount: 1 };
    const results = { rows: [{ shapeId: 'shape:a', total: 2, bySide: {} }], voters: 1 };
    expect(room.write(room.client(), 'server', (d) => getSessionMap(d).set('voting', { ...round, voted: ['pat'], results }))).toMatch(/malformed/);
    expect(room.write(room.client(), 'server', (d) => getSessionMap(d).set('voting', { ...round, results: { ...results, rows: [{ shapeId: 'shape:a', total: 2, bySide: { em: 2 } }] } }))).toMatch(/malformed/);
    expect(room.write(room.client(), 'server', (d) => getSessionMap(d).set('voting', { ...round, results }))).toBeNull();
  });

  it('takes well-formed fields from a facilitator and leaves the vote to the server', () => {
    const room = new Room(facilitationRoom('board-0001'));
    rooms.push(room);
    expect(room.write(room.client(), facilitator, (d) => updateSession(d, { locked: true }))).toBeNull();
    expect(room.write(room.client(), facilitator, (d) => getSessionMap(d).set('timer', { durationMs: 'long' }))).toMatch(/malformed/);
    expect(room.write(room.client(), facilitator, (d) => getSessionMap(d).set('mood', 'happy'))).toMatch(/not a session field/);
    const round = { id: 'v1', open: true, votesPerPerson: 3, perNoteLimit: null, anonymous: false, revealed: false, frameId: null, voted: ['pat'], voterCount: 1, results: null };
    expect(room.write(room.client(), facilitator, (d) => updateSession(d, { voting: { ...round, revealed: true } }))).toMatch(/server/);
    expect(room.write(room.client(), 'server', (d) => updateSession(d, { voting: round }))).toBeNull();
    expect(room.write(room.client(), facilitator, (d) => updateSession(d, { voting: null }))).toMatch(/server/);
    expect(room.write(room.client(), facilitator, (d) => updateSession(d, { followMe: { by: 'pat', at: 1 } }))).toMatch(/as themselves/);
    expect(room.write(room.client(), facilitator, (d) => updateSession(d, { followMe: { by: 'fay', at: 1 } }))).toBeNull();
  });
});
