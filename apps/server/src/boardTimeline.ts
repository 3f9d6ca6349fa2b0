import * as Y from 'yjs';
import { observeRecordChanges } from '@accord/board';
import type { HistoryCheckpoint, HistoryEntry, HistoryStore } from '@accord/storage';

/** Consecutive entries by one author belong to one step while each follows the last within this. */
export const STEP_GAP_MS = 60_000;
/** Entries read from the store at a time while replaying. */
const PAGE = 2000;
/** A timeline page ends, at a checkpoint, once it holds this many steps… */
export const PAGE_STEPS = 100;
/** …or has replayed this many entries. */
const PAGE_ENTRIES = 1000;

/** One step of a board's history, as the store's authors and times say it (the route names the authors). */
export interface TimelineStep {
  /** The version the step ends at. */
  seq: number;
  kind: 'edit' | 'restore' | 'start';
  startedAt: number;
  at: number;
  /** The stored author (person id, role, `server`), or null when unknown. */
  author: string | null;
  /** Distinct board records the step added, changed or deleted. */
  changes: number;
  /** Of those, the records it deleted. */
  deleted: number;
  /** Stored entries in the step. */
  updates: number;
  restoredFrom: number | null;
}

/** The step being gathered, with the records it touched and deleted so far. */
interface OpenStep extends TimelineStep {
  keys: Set<string>;
  removed: Set<string>;
}

/** What one entry did to the board's records. */
interface EntryEffect {
  touched: Set<string>;
  /** Records the entry left the board without. */
  removed: Set<string>;
}

/**
 * Whether `entry` continues `step`: same author, each within a minute of the last — and deleting
 * records (or not) like the step, so a wipe is a step of its own with the version before it
 * right there to go back to, even when the same person wrote what they wiped a moment earlier.
 */
function joins(step: OpenStep | null, entry: HistoryEntry, effect: EntryEffect): step is OpenStep {
  if (step === null || step.kind !== 'edit' || entry.restoredFrom !== null) return false;
  return step.author === entry.author && entry.storedAt - step.at <= STEP_GAP_MS && step.removed.size > 0 === effect.removed.size > 0;
}

/** Follows which records a doc holds, counting live `records` entries per key. */
class RecordCounts {
  private readonly live = new Map<string, number>();
  private effect: EntryEffect = { touched: new Set(), removed: new Set() };
  /** Stops observing the doc. */
  readonly stop: () => void;

  constructor(doc: Y.Doc) {
    this.stop = observeRecordChanges(doc, ({ added, removed }) => {
      for (const key of added) {
        this.live.set(key, (this.live.get(key) ?? 0) + 1);
        this.effect.touched.add(key);
      }
      for (const key of removed) {
        this.live.set(key, (this.live.get(key) ?? 1) - 1);
        this.effect.touched.add(key);
      }
    });
  }

  /** Applies one entry and says what it did. */
  apply(doc: Y.Doc, update: Uint8Array): EntryEffect {
    const effect: EntryEffect = { touched: new Set(), removed: new Set() };
    this.effect = effect;
    Y.applyUpdate(doc, update);
    for (const key of effect.touched) {
      if ((this.live.get(key) ?? 0) > 0) continue;
      this.live.delete(key);
      effect.removed.add(key);
    }
    return effect;
  }
}

/** The steps of one segment of history, oldest first, and how many entries it replayed. */
async function replaySegment(history: HistoryStore, room: string, base: HistoryCheckpoint | null, through: number): Promise<{ steps: TimelineStep[]; entries: number }> {
  const steps: TimelineStep[] = [];
  const doc = new Y.Doc({ gc: true });
  const counts = new RecordCounts(doc);
  let entries = 0;
  try {
    if (base) counts.apply(doc, base.state);
    let open: OpenStep | null = null;
    const close = () => {
      if (!open) return;
      const { keys, removed, ...step } = open;
      steps.push({ ...step, changes: keys.size, deleted: removed.size });
      open = null;
    };
    let after = base?.seq ?? 0;
    for (;;) {
      const page = await history.historyEntries(room, after, { throughSeq: through, limit: PAGE });
      entries += page.length;
      for (const entry of page) {
        const effect = counts.apply(doc, entry.update);
        if (effect.touched.size === 0 && entry.restoredFrom === null) continue;
        if (joins(open, entry, effect)) {
          const step: OpenStep = open;
          for (const k of effect.touched) step.keys.add(k);
          for (const k of effect.removed) step.removed.add(k);
          step.seq = entry.seq;
          step.at = entry.storedAt;
          step.updates++;
          continue;
        }
        close();
        open = {
          seq: entry.seq,
          kind: entry.restoredFrom === null ? 'edit' : 'restore',
          startedAt: entry.storedAt,
          at: entry.storedAt,
          author: entry.author,
          changes: 0,
          deleted: 0,
          updates: 1,
          restoredFrom: entry.restoredFrom,
          keys: effect.touched,
          removed: effect.removed,
        };
      }
      if (page.length < PAGE) break;
      after = page.at(-1)!.seq;
    }
    close();
    return { steps, entries };
  } finally {
    counts.stop();
    doc.destroy();
  }
}

/** One page of a board's timeline, newest first. */
export interface TimelinePage {
  steps: TimelineStep[];
  /** Where the next (older) page starts: pass it as `before`; null at the oldest version kept. */
  next: number | null;
}

/**
 * A content room's history as steps, newest first, one page at a time: the steps of every entry
 * with seq < `before` (all when absent), back to the oldest version kept — or until a page holds
 * `PAGE_STEPS` steps or has replayed `PAGE_ENTRIES` entries, so a long history never costs more
 * than that per request. The history is read in segments between checkpoints, newest first; each
 * segment is replayed from its checkpoint, observing which records each entry touched (see
 * `joins` for what makes a step). A step never spans a checkpoint, which is what lets a page start
 * anywhere. At the oldest version kept (when older history was pruned), a `start` step.
 */
export async function readTimeline(history: HistoryStore, room: string, before?: number): Promise<TimelinePage> {
  const steps: TimelineStep[] = [];
  let through = before === undefined ? Number.MAX_SAFE_INTEGER : before - 1;
  let replayed = 0;
  while (through >= 0) {
    // The segment ending at `through` starts after the newest checkpoint before it.
    const base = await history.historyCheckpoint(room, through - 1);
    const segment = await replaySegment(history, room, base, through);
    steps.push(...segment.steps.reverse());
    replayed += segment.entries;
    if (!base) return { steps, next: null };
    // Nothing at or before the checkpoint: it is the oldest version kept.
    if ((await history.historyEntries(room, 0, { throughSeq: base.seq, limit: 1 })).length === 0) {
      steps.push({ seq: base.seq, kind: 'start', startedAt: base.storedAt, at: base.storedAt, author: null, changes: 0, deleted: 0, updates: 0, restoredFrom: null });
      return { steps, next: null };
    }
    through = base.seq;
    if (steps.length >= PAGE_STEPS || replayed >= PAGE_ENTRIES) return { steps, next: through + 1 };
  }
  return { steps, next: null };
}
