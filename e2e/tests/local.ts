import type { Page } from '@playwright/test';

/** How many boards this browser remembers (the home page's "Your boards"). */
export function knownBoardCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const list = JSON.parse(localStorage.getItem('accord.boards.v1') ?? '[]') as unknown;
    return Array.isArray(list) ? list.length : 0;
  });
}
