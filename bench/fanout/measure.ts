// What the fan-out benches (relay-fanout, scaleout) share: waiting for a server, and the steady window.

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
