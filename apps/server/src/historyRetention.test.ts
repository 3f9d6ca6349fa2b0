import { describe, expect, it } from 'vitest';
import type { HistoryStore, PrunedHistory } from '@accord/storage';
import { startHistoryRetention } from './historyRetention.ts';

const DAY = 24 * 60 * 60 * 1000;
const silent = { info() {}, warn() {} };

describe('history retention', () => {
  it('prunes what is older than the retention, at start and then on its interval, until stopped', async () => {
    const cutoffs: number[] = [];
    const store = {
      pruneHistory: async (before: number): Promise<PrunedHistory> => {
        cutoffs.push(before);
        return { rooms: 0, entries: 0, checkpoints: 0 };
      },
    };
    const now = 100 * DAY;
    const retention = startHistoryRetention(store as unknown as HistoryStore, 30, silent, 20, () => now);
    await new Promise((r) => setTimeout(r, 70));
    await retention.stop();
    expect(cutoffs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(cutoffs)).toEqual(new Set([70 * DAY]));
    const after = cutoffs.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(cutoffs).toHaveLength(after);
    expect(await retention.sweep()).toBeNull();
  });

  it('logs a failed sweep and tries again at the next one; stop waits for a sweep in progress', async () => {
    const warnings: unknown[] = [];
    let calls = 0;
    let finish!: () => void;
    const store = {
      pruneHistory: async (): Promise<PrunedHistory> => {
        calls++;
        if (calls === 1) throw new Error('database away');
        await new Promise<void>((r) => (finish = r));
        return { rooms: 1, entries: 5, checkpoints: 0 };
      },
    };
    const retention = startHistoryRetention(store as unknown as HistoryStore, 1, { info() {}, warn: (o: unknown) => warnings.push(o) }, 60_000);
    await new Promise((r) => setTimeout(r, 10));
    expect(warnings).toHaveLength(1);
    const sweep = retention.sweep();
    let stopped = false;
    const stopping = retention.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(await sweep).toEqual({ rooms: 1, entries: 5, checkpoints: 0 });
  });
});
