import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../lib/api.ts';
import { addTime, formatClock, measureServerOffset, parseMinutes, pauseTimer, remainingMs, resumeTimer, startTimer, type TimerState } from './clock.ts';

const NOW = 1_000_000;

describe('timer', () => {
  it('starts running with its whole duration, ending that long after now', () => {
    expect(startTimer(300_000, NOW)).toEqual({ durationMs: 300_000, endsAt: NOW + 300_000, remainingMs: 300_000, running: true });
  });

  it('counts down on the server clock while running and never below zero', () => {
    const t = startTimer(60_000, NOW);
    expect(remainingMs(t, NOW)).toBe(60_000);
    expect(remainingMs(t, NOW + 45_000)).toBe(15_000);
    expect(remainingMs(t, NOW + 60_000)).toBe(0);
    expect(remainingMs(t, NOW + 90_000)).toBe(0);
  });

  it('keeps what was left while paused, whatever the clock says, and resumes from there', () => {
    const paused = pauseTimer(startTimer(60_000, NOW), NOW + 20_000);
    expect(paused).toMatchObject({ running: false, endsAt: null, remainingMs: 40_000 });
    expect(remainingMs(paused, NOW + 10_000_000)).toBe(40_000);
    const resumed = resumeTimer(paused, NOW + 500_000);
    expect(resumed).toMatchObject({ running: true, endsAt: NOW + 540_000 });
    expect(remainingMs(resumed, NOW + 530_000)).toBe(10_000);
  });

  it('pausing after zero leaves nothing to resume', () => {
    expect(pauseTimer(startTimer(1_000, NOW), NOW + 5_000).remainingMs).toBe(0);
  });

  it('adds time to the end while running, and to what is left while paused', () => {
    const running = startTimer(60_000, NOW);
    expect(addTime(running, 60_000, NOW + 30_000).endsAt).toBe(NOW + 120_000);
    expect(remainingMs(addTime(running, 60_000, NOW + 30_000), NOW + 30_000)).toBe(90_000);
    const paused: TimerState = { durationMs: 60_000, endsAt: null, remainingMs: 5_000, running: false };
    expect(addTime(paused, 60_000, NOW)).toEqual({ ...paused, remainingMs: 65_000 });
  });

  it('a running timer without an end gets one from now', () => {
    const odd: TimerState = { durationMs: 60_000, endsAt: null, remainingMs: 60_000, running: true };
    expect(addTime(odd, 60_000, NOW).endsAt).toBe(NOW + 60_000);
    // …and until then reads what it has left.
    expect(remainingMs(odd, NOW)).toBe(60_000);
  });
});

describe('parseMinutes', () => {
  it('turns typed minutes into whole milliseconds', () => {
    expect(parseMinutes('5')).toBe(300_000);
    expect(parseMinutes('0.5')).toBe(30_000);
    expect(parseMinutes(' 2 ')).toBe(120_000);
    expect(parseMinutes('180')).toBe(10_800_000);
    expect(parseMinutes('0.00001')).toBe(1);
  });

  it.each(['', '  ', '0', '-1', '180.5', 'abc', 'Infinity', 'NaN', '5 min'])('refuses %j', (text) => {
    expect(parseMinutes(text)).toBeNull();
  });
});

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [1, '0:01'],
    [999, '0:01'],
    [1_000, '0:01'],
    [59_001, '1:00'],
    [60_000, '1:00'],
    [61_000, '1:01'],
    [599_999, '10:00'],
    [3_600_000, '60:00'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });
});

describe('measureServerOffset', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Each sample: the local clock before, the server's reading, the local clock after. */
  function samples(list: Array<[before: number, server: number | Error, after: number]>) {
    const clock: number[] = list.flatMap(([before, server, after]) => (server instanceof Error ? [before] : [before, after]));
    vi.spyOn(Date, 'now').mockImplementation(() => clock.shift()!);
    const answers = list.map(([, server]) => server);
    vi.spyOn(api, 'time').mockImplementation(async () => {
      const next = answers.shift()!;
      if (next instanceof Error) throw next;
      return { now: next };
    });
  }

  it('takes the sample with the shortest round trip, the server reading taken at its midpoint', async () => {
    samples([
      [0, 5_000, 400], // round trip 400: offset 4 800
      [1_000, 6_060, 1_020], // round trip 20: offset 5 050
      [2_000, 7_000, 2_100], // round trip 100: offset 4 950
    ]);
    expect(await measureServerOffset()).toBe(5_050);
  });

  it('skips samples that failed, and is 0 when none came back', async () => {
    samples([
      [0, new Error('down'), 0],
      [100, 50, 110],
      [200, new Error('down'), 0],
    ]);
    expect(await measureServerOffset()).toBe(50 - 105);
    samples([
      [0, new Error('down'), 0],
      [0, new Error('down'), 0],
      [0, new Error('down'), 0],
    ]);
    expect(await measureServerOffset()).toBe(0);
  });
});
