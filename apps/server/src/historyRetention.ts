import type { FastifyBaseLogger } from 'fastify';
import type { HistoryStore, PrunedHistory } from '@accord/storage';
import { HOURLY_MS, startSweep } from './sweep.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The retention sweep of a running server: `stop` clears its timer and waits for a sweep in progress. */
export interface HistoryRetention {
  /** Prunes every room's history older than the retention, now. */
  sweep(): Promise<PrunedHistory | null>;
  stop(): Promise<void>;
}

/**
 * Keeps boards' history `days` days (ACCORD_HISTORY_DAYS): a sweep at start and then every
 * `everyMs`, on a timer rather than in compaction, so boards nobody opens any more are pruned too
 * and no write ever waits for it. Each room is pruned in its own transaction; several instances
 * sweeping at once is harmless (the second finds nothing). Failures are logged and retried at the
 * next sweep: nothing is lost by pruning late.
 */
export function startHistoryRetention(history: HistoryStore, days: number, log: Pick<FastifyBaseLogger, 'info' | 'warn'>, everyMs = HOURLY_MS, now = Date.now): HistoryRetention {
  const sweep = startSweep(
    async () => {
      const pruned = await history.pruneHistory(now() - days * DAY_MS);
      if (pruned.rooms > 0) log.info({ ...pruned, days }, 'pruned board history past retention');
      return pruned;
    },
    everyMs,
    (err) => log.warn({ err }, 'history retention sweep failed; retried at the next one'),
  );
  return { sweep: sweep.run, stop: sweep.stop };
}
