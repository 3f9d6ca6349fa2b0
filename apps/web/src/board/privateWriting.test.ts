import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DocumentRecordType, PageRecordType, TLDOCUMENT_ID, createBindingId, createShapeId, createTLStore, defaultBindingUtils, defaultShapeUtils, type IndexKey, type TLShape, type TLStore } from 'tldraw';
import { AUTHOR_META, PRIVATE_META, readAuthor, readPrivateFlag, type FacilitationPrivateWriting } from '@accord/board';
import { createBindingRecord, createShapeRecord } from '@accord/board/fixtures';
import { MemoryStorage } from '../test/memoryStorage.ts';
import { flagIfPrivate, isLocalOnly, isWritingPrivately, loadPrivate, privateFlag, publishedNote, savePrivate, setUpPrivateWriting } from './privateWriting.ts';

const PAGE = PageRecordType.createId('page');
const note = (id: string, meta: object = {}): TLShape => createShapeRecord({ id: createShapeId(id), type: 'note', parentId: PAGE, meta: meta as TLShape['meta'] });
const running: FacilitationPrivateWriting = { id: 'r1', active: true, revealed: false, anonymous: false };

function newStore(): TLStore {
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
  store.put([DocumentRecordType.create({ id: TLDOCUMENT_ID }), PageRecordType.create({ id: PAGE, name: 'Page 1', index: 'a1' as IndexKey })]);
  return store;
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
});
afterEach(() => vi.unstubAllGlobals());

describe('the private flag', () => {
  it('is read from shapes only, and only when well-formed', () => {
    expect(privateFlag(note('a', { [PRIVATE_META]: { round: 'r1', by: 'p1' } }))).toEqual({ round: 'r1', by: 'p1' });
    expect(privateFlag(note('b'))).toBeNull();
    expect(privateFlag(note('c', { [PRIVATE_META]: { round: 'r1' } }))).toBeNull();
    expect(privateFlag(PageRecordType.create({ id: PAGE, name: 'P', index: 'a1' as IndexKey, meta: { [PRIVATE_META]: { round: 'r1', by: 'p1' } } }))).toBeNull();
  });

  it('a round writes privately while it is active and not revealed', () => {
    expect(isWritingPrivately(running)).toBe(true);
    expect(isWritingPrivately({ ...running, revealed: true })).toBe(false);
    expect(isWritingPrivately({ ...running, active: false })).toBe(false);
    expect(isWritingPrivately(null)).toBe(false);
  });
});

describe('flagIfPrivate', () => {
  it('flags a note this person makes during a running round', () => {
    const flagged = flagIfPrivate(note('a', { other: 1 }), 'user', running, true, 'p1');
    expect(readPrivateFlag(flagged.meta)).toEqual({ round: 'r1', by: 'p1' });
    expect(flagged.meta.other).toBe(1);
  });

  it.each([
    ['a note from someone else', note('a'), 'remote', running, true],
    ['a shape that is not a note', createShapeRecord({ id: createShapeId('g'), type: 'geo', parentId: PAGE }), 'user', running, true],
    ['no round', note('a'), 'user', null, true],
    ['a revealed round', note('a'), 'user', { ...running, revealed: true }, true],
    ['a person who may not write', note('a'), 'user', running, false],
  ] as const)('leaves alone %s', (_, shape, source, pw, canWrite) => {
    expect(flagIfPrivate(shape, source, pw, canWrite, 'p1')).toBe(shape);
  });

  it('keeps the flag a note already has', () => {
    const restored = note('a', { [PRIVATE_META]: { round: 'r0', by: 'p1' } });
    expect(flagIfPrivate(restored, 'user', running, true, 'p1')).toBe(restored);
  });
});

describe('publishedNote', () => {
  const mine = note('a', { [PRIVATE_META]: { round: 'r1', by: 'p1' }, keep: true });
  const author = { id: 'p1', name: 'Pat' };

  it('drops the flag and signs the note when the round names authors', () => {
    const published = publishedNote(mine, { ...running, revealed: true }, author);
    expect(readPrivateFlag(published.meta)).toBeNull();
    expect(PRIVATE_META in published.meta).toBe(false);
    expect(readAuthor(published.meta)).toEqual(author);
    expect(published.meta.keep).toBe(true);
    expect(published.id).toBe(mine.id);
  });

  it('publishes without author in an anonymous round', () => {
    const published = publishedNote(mine, { ...running, revealed: true, anonymous: true }, author);
    expect(AUTHOR_META in published.meta).toBe(false);
    expect(readPrivateFlag(published.meta)).toBeNull();
  });

  it('publishes a note of an older round without author (its setting is no longer known)', () => {
    expect(AUTHOR_META in publishedNote(mine, { ...running, id: 'r2' }, author).meta).toBe(false);
    expect(AUTHOR_META in publishedNote(mine, null, author).meta).toBe(false);
  });
});

describe('isLocalOnly', () => {
  it('keeps private notes and arrows bound to them on this device', () => {
    const store = newStore();
    const secret = note('secret', { [PRIVATE_META]: { round: 'r1', by: 'p1' } });
    const open = note('open');
    const arrow = createShapeRecord({ id: createShapeId('arrow'), type: 'arrow', parentId: PAGE });
    store.put([secret, open, arrow]);
    const local = isLocalOnly(store);
    expect(local(secret)).toBe(true);
    expect(local(open)).toBe(false);
    expect(local(arrow)).toBe(false);
    const toSecret = createBindingRecord({ id: createBindingId('b1'), type: 'arrow', fromId: arrow.id, toId: secret.id });
    const toOpen = createBindingRecord({ id: createBindingId('b2'), type: 'arrow', fromId: arrow.id, toId: open.id });
    expect(local(toSecret)).toBe(true);
    expect(local(toOpen)).toBe(false);
  });
});

describe('saved private notes', () => {
  it('come back as saved, per board and person', () => {
    const secret = note('secret', { [PRIVATE_META]: { round: 'r1', by: 'p1' } });
    savePrivate('b1', 'p1', [secret]);
    expect(loadPrivate('b1', 'p1')).toEqual([secret]);
    expect(loadPrivate('b1', 'p2')).toEqual([]);
    expect(loadPrivate('b2', 'p1')).toEqual([]);
  });

  it('an empty list removes the entry', () => {
    savePrivate('b1', 'p1', [note('secret', { [PRIVATE_META]: { round: 'r1', by: 'p1' } })]);
    savePrivate('b1', 'p1', []);
    expect(storage.length).toBe(0);
  });

  it('only flagged records load, and damaged data loads as nothing', () => {
    storage.setItem('accord.private.b1.p1', JSON.stringify([note('plain'), note('secret', { [PRIVATE_META]: { round: 'r1', by: 'p1' } }), null, 7]));
    expect(loadPrivate('b1', 'p1').map((r) => r.id)).toEqual([createShapeId('secret')]);
    storage.setItem('accord.private.b1.p1', '[oops');
    expect(loadPrivate('b1', 'p1')).toEqual([]);
  });
});

describe('setUpPrivateWriting', () => {
  function setUp(store: TLStore, pw: { current: FacilitationPrivateWriting | null }, canWrite = { value: true }) {
    const counts: number[] = [];
    const handle = setUpPrivateWriting({ store, boardId: 'b1', personId: 'p1', current: () => pw.current, canWrite: () => canWrite.value, onCountChange: (n) => counts.push(n) });
    return { handle, counts };
  }

  it('flags notes made during a round, saves them, and publishes them at the reveal', () => {
    const store = newStore();
    const pw = { current: running as FacilitationPrivateWriting | null };
    const { handle, counts } = setUp(store, pw);
    store.put([note('a')]);
    expect(privateFlag(store.get(createShapeId('a'))!)).toEqual({ round: 'r1', by: 'p1' });
    expect(handle.count()).toBe(1);
    expect(counts).toEqual([0, 1]);
    expect(loadPrivate('b1', 'p1').map((r) => r.id)).toEqual([createShapeId('a')]);

    // Still running: nothing is due.
    expect(handle.publishSettled(running, { id: 'p1', name: 'Pat' })).toBe(0);
    pw.current = { ...running, revealed: true };
    expect(handle.publishSettled(pw.current, { id: 'p1', name: 'Pat' })).toBe(1);
    const published = store.get(createShapeId('a'))!;
    expect(privateFlag(published)).toBeNull();
    expect(readAuthor((published as TLShape).meta)).toEqual({ id: 'p1', name: 'Pat' });
    expect(handle.count()).toBe(0);
    expect(storage.length).toBe(0);
    handle.dispose();
  });

  it('does not flag notes while the person may not write, and does not publish then', () => {
    const store = newStore();
    const canWrite = { value: false };
    const { handle } = setUp(store, { current: running }, canWrite);
    store.put([note('a')]);
    expect(privateFlag(store.get(createShapeId('a'))!)).toBeNull();
    canWrite.value = true;
    store.put([note('b')]);
    canWrite.value = false;
    expect(handle.publishSettled({ ...running, revealed: true }, { id: 'p1', name: 'Pat' })).toBe(0);
    expect(handle.count()).toBe(1);
    handle.dispose();
  });

  it('restores the notes saved on this device', () => {
    savePrivate('b1', 'p1', [note('saved', { [PRIVATE_META]: { round: 'r1', by: 'p1' } })]);
    const store = newStore();
    const { handle, counts } = setUp(store, { current: running });
    expect(store.has(createShapeId('saved'))).toBe(true);
    expect(counts).toEqual([1]);
    handle.dispose();
  });

  it('stops flagging once disposed', () => {
    const store = newStore();
    const { handle } = setUp(store, { current: running });
    handle.dispose();
    store.put([note('a')]);
    expect(privateFlag(store.get(createShapeId('a'))!)).toBeNull();
  });
});
