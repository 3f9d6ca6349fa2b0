import { describe, expect, it } from 'vitest';
import type { BoardVersion } from '../lib/api.ts';
import { stepAt, versionLine, versionSummary, versionTime } from './history.ts';

const at = (h: number, m: number, day = 14) => new Date(2030, 2, day, h, m).toISOString();
const now = new Date(2030, 2, 14, 18, 0);
const pat = { kind: 'person', id: 'p1', name: 'Pat' } as const;
const version = (over: Partial<BoardVersion>): BoardVersion => ({ seq: 1, kind: 'edit', startedAt: at(12, 40), at: at(12, 41), author: pat, changes: 23, deleted: 0, updates: 40, restoredFrom: null, ...over });

describe('the history panel’s lines', () => {
  it('says when, who and how much: 12:41 · Pat · 23 changes', () => {
    expect(versionLine(version({}), [], now)).toBe('12:41 · Pat · 23 changes');
    expect(versionLine(version({ changes: 1 }), [], now)).toBe('12:41 · Pat · 1 change');
    expect(versionLine(version({ changes: 5, deleted: 3 }), [], now)).toBe('12:41 · Pat · 5 changes, 3 deleted');
  });

  it('names the day of a version from another day', () => {
    expect(versionTime(at(9, 5, 2), now)).toBe('2 Mar, 09:05');
    expect(versionTime(at(9, 5), now)).toBe('09:05');
  });

  it('says which version a restore brought back, by the step it belongs to', () => {
    const wrote = version({ seq: 10, at: at(12, 41) });
    const wiped = version({ seq: 20, at: at(12, 45), deleted: 23 });
    const restore = version({ seq: 30, kind: 'restore', at: at(12, 50), author: { kind: 'person', id: 'p2', name: 'Fay' }, restoredFrom: 12 });
    const versions = [restore, wiped, wrote];
    expect(stepAt(12, versions)).toBe(wrote);
    expect(stepAt(9, versions)).toBeUndefined();
    expect(versionLine(restore, versions, now)).toBe('12:50 · Fay · restored the version of 12:41');
    expect(versionSummary({ ...restore, restoredFrom: 3 }, versions, now)).toBe('restored an earlier version');
  });

  it('shows the oldest version kept without an author', () => {
    expect(versionLine(version({ kind: 'start', author: { kind: 'unknown', id: null, name: 'Unknown' } }), [], now)).toBe('12:41 · oldest version kept');
  });
});
