import type { RelayEvents, RelayLogger, RelayTuning } from './types.ts';

/** The logger when none is given. */
export const SILENT: RelayLogger = { info() {}, warn() {}, error() {}, debug() {} };
/** The metrics hooks when none are given. */
export const NO_EVENTS: RelayEvents = {
  writeAccepted() {},
  writeRefused() {},
  updatesSent() {},
  committed() {},
  fannedOut() {},
  caughtUp() {},
  storageFailed() {},
  pubsubStatus() {},
};

/** Defaults for every tunable of `RelayOptions`. */
const RELAY_DEFAULTS = {
  maxMessageBytes: 8 * 1024 * 1024,
  maxMessagesPerSecond: 300,
  // Half of y-websocket's 30 s silence watchdog: each round also sends a no-op frame (R6).
  pingIntervalMs: 15_000,
  idleUnloadMs: 30_000,
  compactAfterUpdates: 500,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxRoomBytes: 64 * 1024 * 1024,
  maxBytesPerSecond: 1024 * 1024,
  maxAwarenessBytes: 16 * 1024,
  maxAwarenessPerSecond: 30,
  queryAwarenessIntervalMs: 5000,
  syncStep1IntervalMs: 1000,
  syncCheckMs: 2000,
  gapGraceMs: 1000,
} as const satisfies Required<RelayTuning>;


/** Every tunable of `opts`, its default where it gives none. */
export function resolveTuning(opts: RelayTuning): Required<RelayTuning> {
  const resolved: Required<RelayTuning> = { ...RELAY_DEFAULTS };
  for (const key of Object.keys(RELAY_DEFAULTS) as Array<keyof RelayTuning>) resolved[key] = opts[key] ?? RELAY_DEFAULTS[key];
  return resolved;
}
