import { describe, expect, it } from 'vitest';
import { canvasReadOnly, writeAccess } from './access.ts';

describe('writeAccess', () => {
  it('a facilitator edits and facilitates, locked or not', () => {
    for (const locked of [false, true]) expect(writeAccess('b1', 'facilitator', locked)).toEqual({ canEdit: true, lockedOut: false, canFacilitate: true });
  });

  it('a participant edits until the board is locked, then is locked out; never facilitates', () => {
    expect(writeAccess('b1', 'participant', false)).toEqual({ canEdit: true, lockedOut: false, canFacilitate: false });
    expect(writeAccess('b1', 'participant', true)).toEqual({ canEdit: false, lockedOut: true, canFacilitate: false });
  });

  it('a viewer never edits, and is not "locked out" by a lock (there is nothing to pause)', () => {
    for (const locked of [false, true]) expect(writeAccess('b1', 'viewer', locked)).toEqual({ canEdit: false, lockedOut: false, canFacilitate: false });
  });
});

describe('canvasReadOnly', () => {
  it('is read-only without the right to edit', () => {
    expect(canvasReadOnly(writeAccess('b1', 'viewer', false), false)).toBe(true);
    expect(canvasReadOnly(writeAccess('b1', 'participant', true), false)).toBe(true);
  });

  it('is writable for whoever may edit a board of our schema', () => {
    expect(canvasReadOnly(writeAccess('b1', 'participant', false), false)).toBe(false);
    expect(canvasReadOnly(writeAccess('b1', 'facilitator', true), false)).toBe(false);
  });

  it('is read-only for everyone on a board saved by a newer schema', () => {
    expect(canvasReadOnly(writeAccess('b1', 'facilitator', false), true)).toBe(true);
    expect(canvasReadOnly(writeAccess('b1', 'participant', false), true)).toBe(true);
  });
});
