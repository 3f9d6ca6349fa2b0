import type { FacilitationTimer } from '@accord/board';
import { api } from '../lib/api.ts';

/**
 * The offset between this browser's clock and the server's, measured on connect: the sample with
 * the shortest round trip wins, and the server's reading is taken to be from its midpoint.
 */
export async function measureServerOffset(samples = 3): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < samples; i++) {
    const t0 = Date.now();
    try {
      const { now } = await api.time();
      const t1 = Date.now();
      if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: now - (t0 + t1) / 2 };
    } catch {
      // Unreachable for now: keep what we have (0 if nothing).
    }
  }
  return best.offset;
}

/** Timer state as stored in the facilitation room's `session` map under `timer`. */
export type TimerState = FacilitationTimer;

/** Milliseconds left on `timer` at server time `serverNow` (never negative). */
export function remainingMs(timer: TimerState, serverNow: number): number {
  if (timer.running && timer.endsAt !== null) return Math.max(0, timer.endsAt - serverNow);
  return Math.max(0, timer.remainingMs);
}

/** A timer of `ms` started at server time `serverNow`. */
export const startTimer = (ms: number, serverNow: number): TimerState => ({ durationMs: ms, endsAt: serverNow + ms, remainingMs: ms, running: true });

/** The timer stopped with what is left at `serverNow`. */
export const pauseTimer = (timer: TimerState, serverNow: number): TimerState => ({ ...timer, running: false, endsAt: null, remainingMs: remainingMs(timer, serverNow) });

/** A paused timer running again from what it had left. */
export const resumeTimer = (timer: TimerState, serverNow: number): TimerState => ({ ...timer, running: true, endsAt: serverNow + timer.remainingMs });

/** The timer with `ms` more: a later end while running, more left while paused. */
export const addTime = (timer: TimerState, ms: number, serverNow: number): TimerState =>
  timer.running ? { ...timer, endsAt: (timer.endsAt ?? serverNow) + ms } : { ...timer, remainingMs: timer.remainingMs + ms };

/** Minutes as typed in the facilitator panel, in ms (whole ms), or null unless above 0 and at most 180. */
export function parseMinutes(text: string): number | null {
  const minutes = Number(text);
  return text.trim() !== '' && Number.isFinite(minutes) && minutes > 0 && minutes <= 180 ? Math.round(minutes * 60_000) : null;
}

/** `m:ss`, rounding up to the next whole second (so 0:00 means done). */
export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** A short two-tone chime, made on the spot (no audio file to fetch). */
export function chime(): void {
  try {
    const ctx = new AudioContext();
    for (const [i, freq] of [880, 660].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.2, ctx.currentTime + i * 0.25);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + i * 0.25 + 0.4);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + i * 0.25);
      osc.stop(ctx.currentTime + i * 0.25 + 0.45);
    }
  } catch {
    // No audio device: the visual cue remains.
  }
}
