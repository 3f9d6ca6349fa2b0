import * as Y from 'yjs';
import { RECORDS } from '../doc.ts';

// The accepted state of a room and what each update would change in it. The relay's room doc holds
// only durable state (R2); a guard keeps a second doc, the *shadow*, holding durable state plus
// every update admitted but not yet durable, so an update is judged against everything it may
// build on — including a writer's own previous update still on its way to storage. An update is
// applied to the shadow while its effects are recorded; a refused one leaves the shadow dirty,
// and it is rebuilt from the durable doc before the next check.

/** One `records` key an update touched. */
export interface RecordEffect {
  key: string;
  /** Its live value before the update, if it had one. */
  before: unknown;
  /** Values the update added under this key (as `val` of new `{ key, val }` entries). */
  added: unknown[];
  /** Whether the key still has a live entry afterwards (false: the update deleted the record). */
  remains: boolean;
}

/** One key of a root `Y.Map` an update touched. */
export interface MapEffect {
  root: string;
  key: string;
  before: unknown;
  /** Undefined when the key was deleted. */
  after: unknown;
}

/** Everything an update would change. `problems` are structural: the update is refused whatever its writer. */
export interface Effects {
  records: Map<string, RecordEffect>;
  maps: MapEffect[];
  problems: string[];
}

type Entry = { key?: unknown; val?: unknown };

const elementId = (item: Y.Item, offset: number) => `${item.id.client}:${item.id.clock + offset}`;

/** The JSON values an item carries, or null for content that is not plain JSON (nested types, binary, strings…). */
function jsonValues(item: Y.Item): unknown[] | null {
  const content = item.content;
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return content.arr;
  if (content instanceof Y.ContentDeleted) return [];
  return null;
}

/** Live `records` entries by key: element id → value. Kept in step with the shadow by its observer. */
class RecordsIndex {
  readonly byKey = new Map<string, Map<string, unknown>>();

  add(key: string, id: string, val: unknown): void {
    let entries = this.byKey.get(key);
    if (!entries) {
      entries = new Map();
      this.byKey.set(key, entries);
    }
    entries.set(id, val);
  }

  remove(key: string, id: string): void {
    const entries = this.byKey.get(key);
    if (!entries) return;
    entries.delete(id);
    if (entries.size === 0) this.byKey.delete(key);
  }

  /** A live value of `key` (the last one indexed), or undefined. */
  get(key: string): unknown {
    const entries = this.byKey.get(key);
    if (!entries) return undefined;
    let last: unknown;
    for (const v of entries.values()) last = v;
    return last;
  }
}

/**
 * A room's accepted state with effect capture. `apply` applies an update and returns its effects;
 * `rebuild` starts again from a durable doc (after a refusal, or when admitted updates failed to
 * become durable).
 */
export class Shadow {
  private doc!: Y.Doc;
  private index!: RecordsIndex;
  private effects: Effects | null = null;
  private readonly maps: readonly string[];
  private readonly allowedRoots: ReadonlySet<string>;

  /** `maps`: the root maps of this room; with `records`, the only roots an update may touch. */
  constructor(durable: Y.Doc, opts: { maps: readonly string[]; records: boolean }) {
    this.maps = opts.maps;
    this.allowedRoots = new Set([...opts.maps, ...(opts.records ? [RECORDS] : [])]);
    this.rebuild(durable, []);
  }

  /** The shadow's records index, for reading current values (e.g. the shape a binding starts from). */
  current(key: string): unknown {
    return this.index.get(key);
  }

  /** A root map's current value under `key`. */
  mapValue(root: string, key: string): unknown {
    return this.doc.getMap(root).get(key);
  }

  /** Starts again from `durable` plus `pending` (admitted updates not yet durable, in order). */
  rebuild(durable: Y.Doc, pending: readonly Uint8Array[]): void {
    this.doc?.destroy();
    this.doc = new Y.Doc({ gc: true });
    this.index = new RecordsIndex();
    this.observe();
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(durable));
    for (const update of pending) Y.applyUpdate(this.doc, update);
    this.effects = null;
  }

  /** Applies an update and returns what it changed. */
  apply(update: Uint8Array): Effects {
    const effects: Effects = { records: new Map(), maps: [], problems: [] };
    const hadPending = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
    this.effects = effects;
    try {
      Y.applyUpdate(this.doc, update);
    } catch (err) {
      effects.problems.push(`the update does not apply: ${(err as Error).message}`);
    } finally {
      this.effects = null;
    }
    if (!hadPending && (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null)) {
      effects.problems.push('the update builds on changes the server does not have');
    }
    for (const e of effects.records.values()) e.remains = this.index.byKey.has(e.key);
    return effects;
  }

  destroy(): void {
    this.doc.destroy();
  }

  private observe(): void {
    const doc = this.doc;
    doc.getArray(RECORDS).observe((event) => this.onRecords(event));
    for (const root of this.maps) doc.getMap(root).observe((event) => this.onMap(root, event));
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      const effects = this.effects;
      if (!effects) return;
      for (const type of tr.changed.keys()) {
        if (type._item !== null) {
          effects.problems.push('nested shared types are not part of the board document');
          continue;
        }
        const name = Y.findRootTypeKey(type);
        if (!this.allowedRoots.has(name)) effects.problems.push(`"${name}" is not part of this room`);
      }
    });
  }

  private touch(key: string): RecordEffect | null {
    const effects = this.effects;
    if (!effects) return null;
    let e = effects.records.get(key);
    if (!e) {
      e = { key, before: this.index.get(key), added: [], remains: true };
      effects.records.set(key, e);
    }
    return e;
  }

  private onRecords(event: Y.YArrayEvent<unknown>): void {
    // Deletions first, so `before` is the value each key had when the update arrived.
    for (const item of event.changes.deleted) {
      const values = jsonValues(item) ?? [];
      values.forEach((v, i) => {
        const key = (v as Entry | null)?.key;
        if (typeof key !== 'string') return;
        this.touch(key);
        this.index.remove(key, elementId(item, i));
      });
    }
    for (const item of event.changes.added) {
      const values = jsonValues(item);
      if (values === null) {
        this.effects?.problems.push('records holds only { key, val } entries');
        continue;
      }
      values.forEach((v, i) => {
        const entry = v as Entry | null;
        if (!entry || typeof entry !== 'object' || Array.isArray(entry) || typeof entry.key !== 'string' || !('val' in entry)) {
          this.effects?.problems.push('records holds only { key, val } entries');
          return;
        }
        this.touch(entry.key)?.added.push(entry.val);
        this.index.add(entry.key, elementId(item, i), entry.val);
      });
    }
  }

  private onMap(root: string, event: Y.YMapEvent<unknown>): void {
    const effects = this.effects;
    if (!effects) return;
    const map = event.target as Y.Map<unknown>;
    for (const [key, change] of event.changes.keys) {
      const after = change.action === 'delete' ? undefined : map.get(key);
      if (after instanceof Y.AbstractType) effects.problems.push('nested shared types are not part of the board document');
      effects.maps.push({ root, key, before: change.oldValue, after });
    }
  }
}
