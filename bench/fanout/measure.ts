// What the fan-out benches (relay-fanout, scaleout) share: waiting for a server and for its clients,
// the steady window, a percentile and a process's resident memory.
import { readFileSync } from 'node:fs';

/** Resolves once `url` answers an HTTP request (50 ms between tries), or throws after `tries`. */
export async function waitHttp(url: string, tries = 300): Promise<void> {
  for (let i = 0; i < tries; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`no answer from ${url}`);
}

/**
 * A steady-state measurement: 2 s of warm-up, then `seconds` measured. `measuring` is told true when
 * the window opens (reset the counters there) and false when it closes; resolves to the seconds measured.
 */
export async function steadyWindow(seconds: number, measuring: (on: boolean) => void): Promise<number> {
  await new Promise((r) => setTimeout(r, 2000));
  measuring(true);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  measuring(false);
  return (performance.now() - t0) / 1000;
}

/** Resolves once `synced()` holds (checked every 20 ms); throws "<name>: clients did not sync" after `timeoutMs`. */
export async function waitSynced(name: string, synced: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!synced()) {
    if (Date.now() > deadline) throw new Error(`${name}: clients did not sync`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The p-th percentile of an ascending list (nearest rank); NaN for an empty one. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Resident memory of a process in MiB, from /proc (Linux); NaN when it is not there. */
export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}
