import type * as Y from 'yjs';

/** One entry of the `records` array. */
export interface KVEntry<T> {
  key: string;
  val: T;
}

/** What changed under one key, as `Y.Map` events say it. */
type KVChange<T> = { action: 'add'; newValue: T } | { action: 'update'; oldValue: T; newValue: T } | { action: 'delete'; oldValue: T };

const isEntry = (v: unknown): v is KVEntry<unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { key?: unknown }).key === 'string' && 'val' in v;

/** Listener of {@link RecordsKV} changes. */
export type KVListener<T> = (changes: Map<string, KVChange<T>>, tr: Y.Transaction) => void;

/**
 * A key-value view of a `Y.Array<{ key, val }>` with y-utility's `YKeyValue` semantics — the
 * rightmost entry of a key wins, a set appends and removes the old entry, duplicates left by
 * concurrent sets are removed, `change` events like `Y.Map`'s — that also survives entries that
 * are not `{ key, val }` (written before the server judged writes): they are skipped and counted
 * in `malformed`, never read and never the cause of an exception.
 */
export class RecordsKV<T> {
  readonly yarray: Y.Array<KVEntry<T>>;
  readonly doc: Y.Doc;
  /** The winning entry of each key (identity matters: events compare entries). */
  readonly map = new Map<string, KVEntry<T>>();
  /** Entries skipped because they are not `{ key: string, val }`. */
  malformed = 0;

  private readonly listeners = new Set<KVListener<T>>();

  constructor(yarray: Y.Array<KVEntry<T>>) {
    this.yarray = yarray;
    this.doc = yarray.doc!;
    const arr = yarray.toArray() as unknown[];
    const duplicates: number[] = [];
    for (let i = arr.length - 1; i >= 0; i--) {
      const v = arr[i];
      if (!isEntry(v)) this.malformed++;
      else if (this.map.has(v.key)) duplicates.push(i);
      else this.map.set(v.key, v as KVEntry<T>);
    }
    if (duplicates.length) {
      this.doc.transact(() => {
        for (const i of duplicates) yarray.delete(i);
      });
    }
    yarray.observe((event, tr) => this.onChange(event, tr));
  }

  private onChange(event: Y.YArrayEvent<KVEntry<T>>, tr: Y.Transaction): void {
    const changes = new Map<string, KVChange<T>>();
    for (const item of event.changes.deleted) {
      for (const c of item.content.getContent() as unknown[]) {
        if (isEntry(c) && this.map.get(c.key) === c) {
          this.map.delete(c.key);
          changes.set(c.key, { action: 'delete', oldValue: c.val as T });
        }
      }
    }
    const added = new Map<string, KVEntry<T>>();
    for (const item of event.changes.added) {
      for (const v of item.content.getContent() as unknown[]) {
        if (isEntry(v)) added.set(v.key, v as KVEntry<T>);
        else this.malformed++;
      }
    }
    const toRemove = new Set<string>();
    const vals = this.yarray.toArray() as unknown[];
    this.doc.transact(() => {
      // Right to left: the first entry met of an added key is its winner; older ones go.
      for (let i = vals.length - 1; i >= 0 && (added.size > 0 || toRemove.size > 0); i--) {
        const v = vals[i];
        if (!isEntry(v)) continue;
        if (toRemove.has(v.key)) {
          toRemove.delete(v.key);
          this.yarray.delete(i, 1);
        } else if (added.get(v.key) === v) {
          const prev = this.map.get(v.key);
          const deleted = changes.get(v.key);
          if (prev) {
            toRemove.add(v.key);
            changes.set(v.key, { action: 'update', oldValue: prev.val, newValue: v.val as T });
          } else if (deleted?.action === 'delete') {
            changes.set(v.key, { action: 'update', oldValue: deleted.oldValue, newValue: v.val as T });
          } else {
            changes.set(v.key, { action: 'add', newValue: v.val as T });
          }
          added.delete(v.key);
          this.map.set(v.key, v as KVEntry<T>);
        } else if (added.has(v.key)) {
          // An added entry lost to one further right: it goes.
          toRemove.add(v.key);
          added.delete(v.key);
        }
      }
    });
    if (changes.size > 0) for (const l of [...this.listeners]) l(changes, tr);
  }

  /** Calls `listener` after each transaction that changed a key (`Y.Map`-style changes, with the transaction). */
  on(_event: 'change', listener: KVListener<T>): void {
    this.listeners.add(listener);
  }

  off(_event: 'change', listener: KVListener<T>): void {
    this.listeners.delete(listener);
  }

  set(key: string, val: T): void {
    this.doc.transact(() => {
      if (this.map.has(key)) this.delete(key);
      this.yarray.push([{ key, val }]);
    });
  }

  delete(key: string): void {
    let i = 0;
    for (const v of this.yarray as Iterable<unknown>) {
      if (isEntry(v) && v.key === key) {
        this.yarray.delete(i);
        return;
      }
      i++;
    }
  }

  get(key: string): T | undefined {
    return this.map.get(key)?.val;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }
}
