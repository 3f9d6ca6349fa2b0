import { AUTHOR_META, PRIVATE_META, readPrivateFlag, type FacilitationPrivateWriting, type NoteAuthor, type PrivateFlag } from '@accord/board';
import type { TLRecord, TLShape, TLStore } from 'tldraw';

/**
 * Private writing on this device. While the facilitator's round is active and not revealed, the
 * notes a person creates carry a private flag (`PRIVATE_META`: `{ round, by }`); the store binding keeps
 * flagged records out of Yjs (so no one, the server included, receives them) and this module keeps
 * a copy in localStorage so they survive a reload. When the round is revealed — or this client
 * learns of the reveal on reconnect — the flag is removed and the binding publishes the notes like
 * any other change.
 */

/** The private-writing flag of a shape record (its `PRIVATE_META`), or null. */
export function privateFlag(r: TLRecord): PrivateFlag | null {
  return r.typeName === 'shape' ? readPrivateFlag((r as TLShape).meta) : null;
}

/** For the binding: private shapes, and bindings (arrows) attached to one, stay local. */
export function isLocalOnly(store: Pick<TLStore, 'get'>): (r: TLRecord) => boolean {
  return (r) => {
    if (r.typeName === 'shape') return privateFlag(r) !== null;
    if (r.typeName === 'binding') {
      const b = r as unknown as { fromId: TLShape['id']; toId: TLShape['id'] };
      for (const id of [b.fromId, b.toId]) {
        const s = store.get(id);
        if (s && privateFlag(s)) return true;
      }
    }
    return false;
  };
}

/** Whether notes created now are private: a round is running and not yet revealed. */
export const isWritingPrivately = (pw: FacilitationPrivateWriting | null): pw is FacilitationPrivateWriting => !!pw && pw.active && !pw.revealed;

/**
 * A shape about to be created, flagged private when it is a note this person makes (`source`
 * 'user') during a running round while they may write; otherwise unchanged.
 */
export function flagIfPrivate<S extends TLShape>(shape: S, source: 'user' | 'remote', pw: FacilitationPrivateWriting | null, canWrite: boolean, personId: string): S {
  if (source !== 'user' || shape.type !== 'note' || !isWritingPrivately(pw) || !canWrite || privateFlag(shape)) return shape;
  const flag: PrivateFlag = { round: pw.id, by: personId };
  return { ...shape, meta: { ...shape.meta, [PRIVATE_META]: flag } };
}

/**
 * A private note made public: the flag removed, the author added unless the round is anonymous. A
 * round's "without authors" setting is only known while it is the session's round (`pw`); an older
 * round's notes are published without author, the safer choice.
 */
export function publishedNote(shape: TLShape, pw: FacilitationPrivateWriting | null, author: NoteAuthor): TLShape {
  const { [PRIVATE_META]: _flag, ...meta } = shape.meta as Record<string, unknown>;
  const round = readPrivateFlag(shape.meta)?.round;
  const anonymous = pw && pw.id === round ? pw.anonymous : true;
  return { ...shape, meta: anonymous ? meta : { ...meta, [AUTHOR_META]: { id: author.id, name: author.name } } } as TLShape;
}

const storageKey = (boardId: string, personId: string) => `accord.private.${boardId}.${personId}`;

/** This person's private records of a board, as saved on this device. */
export function loadPrivate(boardId: string, personId: string): TLRecord[] {
  try {
    const raw = localStorage.getItem(storageKey(boardId, personId));
    const list = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(list) ? (list as TLRecord[]).filter((r) => r && typeof r === 'object' && typeof r.id === 'string' && privateFlag(r)) : [];
  } catch {
    return [];
  }
}

export function savePrivate(boardId: string, personId: string, records: TLRecord[]): void {
  const key = storageKey(boardId, personId);
  if (records.length === 0) localStorage.removeItem(key);
  else localStorage.setItem(key, JSON.stringify(records));
}

export interface PrivateWritingHandle {
  /** Publishes every private note not part of the running round (all of them after a reveal). */
  publishSettled(pw: FacilitationPrivateWriting | null, author: { id: string; name: string }): number;
  /** How many private notes this person holds now. */
  count(): number;
  dispose(): void;
}

/**
 * Wires private writing into a store already bound to the board (the binding must have been
 * given {@link isLocalOnly}): restores saved private notes, flags new notes while a round runs,
 * and saves private notes on every change.
 */
export function setUpPrivateWriting(opts: {
  store: TLStore;
  boardId: string;
  personId: string;
  /** The round in progress, read at the moment a note is created. */
  current: () => FacilitationPrivateWriting | null;
  /** False for viewers, and for participants while the board is locked. */
  canWrite: () => boolean;
  onCountChange: (n: number) => void;
}): PrivateWritingHandle {
  const { store, boardId, personId } = opts;
  const privateRecords = () => store.allRecords().filter((r) => privateFlag(r) !== null);
  const saved = loadPrivate(boardId, personId).filter((r) => !store.has(r.id));
  if (saved.length) {
    try {
      store.put(saved);
    } catch (error) {
      console.warn('Could not restore private notes saved on this device', error);
    }
  }
  let last = -1;
  const persist = () => {
    const list = privateRecords();
    savePrivate(boardId, personId, list);
    if (list.length !== last) {
      last = list.length;
      opts.onCountChange(last);
    }
  };
  persist();
  const stopCreate = store.sideEffects.registerBeforeCreateHandler('shape', (shape, source) => flagIfPrivate(shape, source, opts.current(), opts.canWrite(), personId));
  const stopListen = store.listen(persist, { scope: 'document', source: 'user' });
  return {
    count: () => privateRecords().length,
    publishSettled(pw, author) {
      const running = isWritingPrivately(pw) ? pw.id : null;
      const due = privateRecords().filter((r) => privateFlag(r)!.round !== running) as TLShape[];
      if (due.length === 0 || !opts.canWrite()) return 0;
      store.put(due.map((s) => publishedNote(s, pw, author)));
      persist();
      return due.length;
    },
    dispose() {
      stopCreate();
      stopListen();
    },
  };
}
