import { describe, expect, it } from 'vitest';
import { CloseCode } from '@accord/relay/closeCodes';
import { closeNotice, nextNotice } from './closeNotice.ts';

describe('close notices', () => {
  it('explains the storage-unavailable close: changes kept, reconnecting', () => {
    expect(CloseCode.StorageUnavailable).toBe(4503);
    expect(closeNotice(4503)).toMatch(/can’t save changes right now.*kept on this device.*reconnecting/);
  });

  it('explains a restart and a slow connection, and says nothing for a plain drop', () => {
    expect(closeNotice(1012)).toMatch(/restarting/);
    expect(closeNotice(1013)).toMatch(/keep up/);
    expect(closeNotice(1006)).toBeNull();
    expect(closeNotice(1000)).toBeNull();
  });

  it('keeps the notice through later drops and clears it once synced again', () => {
    let notice = nextNotice(null, { closedWith: 4503 });
    expect(notice).toMatch(/save/);
    notice = nextNotice(notice, { closedWith: 1006 });
    expect(notice).toMatch(/save/);
    notice = nextNotice(notice, { synced: false });
    expect(notice).toMatch(/save/);
    expect(nextNotice(notice, { synced: true })).toBeNull();
  });
});
