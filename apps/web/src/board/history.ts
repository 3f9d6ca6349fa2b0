import type { BoardVersion } from '../lib/api.ts';

// How the history panel says a board's versions: pure, so it is tested in Node.

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12:41` in local time, with the day (`3 Mar, 12:41`) when it is not `now`'s day. */
export function versionTime(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const sameDay = at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  return sameDay ? time : `${at.getDate()} ${MONTHS[at.getMonth()]}, ${time}`;
}

/** The step a version seq belongs to among those listed: the newest ending at or before it. */
export function stepAt(seq: number, versions: readonly BoardVersion[]): BoardVersion | undefined {
  let best: BoardVersion | undefined;
  for (const v of versions) if (v.seq <= seq && (!best || v.seq > best.seq)) best = v;
  return best;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a step did: `23 changes`, `5 changes, 3 deleted`, `restored the version of 12:41`, `oldest version kept`. */
export function versionSummary(v: BoardVersion, versions: readonly BoardVersion[], now: Date = new Date()): string {
  if (v.kind === 'start') return 'oldest version kept';
  if (v.kind === 'restore') {
    const of = v.restoredFrom === null ? undefined : stepAt(v.restoredFrom, versions);
    return of ? `restored the version of ${versionTime(of.at, now)}` : 'restored an earlier version';
  }
  const changes = plural(v.changes, 'change');
  return v.deleted > 0 ? `${changes}, ${v.deleted} deleted` : changes;
}

/** One line of the timeline: `12:41 · Pat · 23 changes`. */
export function versionLine(v: BoardVersion, versions: readonly BoardVersion[], now: Date = new Date()): string {
  const who = v.kind === 'start' ? null : v.author.name;
  return [versionTime(v.at, now), who, versionSummary(v, versions, now)].filter(Boolean).join(' · ');
}
