import { test, expect, type Page } from '@playwright/test';
import { serverPerFile } from './server.ts';
import { BoardView } from './board-page.ts';

const server = serverPerFile();

/** Collects Content-Security-Policy violations the page reports: the app must need none. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

test('a facilitator resets the participant link: the old link is cut off with a message, the share dialog shows the new one, which works', async ({ browser }) => {
  const board = await server.createBoard('Reset links');
  const fac = new BoardView(await (await browser.newContext()).newPage(), 'Fay');
  const cspViolations = await watchCsp(fac.page);
  const old = new BoardView(await (await browser.newContext()).newPage(), 'Otto');
  await fac.open(`${server.url}/b/${board.id}#t=${board.tokens.facilitator}`);
  await old.open(`${server.url}/b/${board.id}#t=${board.tokens.participant}`);
  await fac.addNote('Before the reset', { x: 400, y: 300 });
  await expect.poll(async () => (await old.shapes()).length).toBe(1);

  await fac.page.getByRole('button', { name: 'Share' }).click();
  const oldLink = await fac.page.getByTestId('share-participant').inputValue();
  expect(oldLink).toBe(`${server.url}/b/${board.id}#t=${board.tokens.participant}`);
  await fac.page.getByRole('button', { name: 'Reset the participant link' }).click();
  await fac.page.getByRole('button', { name: 'Reset participant link' }).click();
  await expect(fac.page.getByTestId('reset-done-participant')).toBeVisible();
  const newLink = await fac.page.getByTestId('share-participant').inputValue();
  expect(newLink).not.toBe(oldLink);
  expect(newLink.startsWith(`${server.url}/b/${board.id}#t=v1.${board.id}.participant.`)).toBe(true);

  // Whoever joined with the old link is told, at once, and not reconnected.
  await expect(old.page.getByTestId('error-link-reset')).toBeVisible();
  await expect(old.page.getByText('The facilitator reset the link you joined with')).toBeVisible();
  // The old link no longer opens the board; the facilitator's own page is unaffected.
  await old.page.goto('about:blank');
  await old.page.goto(oldLink);
  await expect(old.page.getByTestId('error-unknown-board')).toBeVisible();
  await expect(fac.page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
  await fac.page.getByRole('button', { name: 'Done' }).click();

  const fresh = new BoardView(await (await browser.newContext()).newPage(), 'Nia');
  await fresh.open(newLink);
  await expect.poll(async () => (await fresh.shapes()).map((s) => s.text)).toEqual(['Before the reset']);
  await fresh.addNote('With the new link', { x: 700, y: 300 });
  await expect.poll(async () => (await fac.shapes()).length).toBe(2);
  expect(await cspViolations()).toEqual([]);
  for (const v of [fac, old, fresh]) await v.page.context().close();
});

test('a facilitator resets their own link: their page moves to the new link and stays live; the old facilitator link is dead', async ({ browser }) => {
  const board = await server.createBoard('Own link');
  const fac = new BoardView(await (await browser.newContext()).newPage(), 'Fay');
  await fac.open(`${server.url}/b/${board.id}#t=${board.tokens.facilitator}`);
  await fac.page.getByRole('button', { name: 'Share' }).click();
  await fac.page.getByRole('button', { name: 'Reset the facilitator link' }).click();
  await fac.page.getByRole('button', { name: 'Reset facilitator link' }).click();
  await expect(fac.page).not.toHaveURL(new RegExp(board.tokens.facilitator));
  await fac.waitLive();
  await expect(fac.page.getByTestId('board')).toHaveAttribute('data-role', 'facilitator');
  const res = await fetch(`${server.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.tokens.facilitator}` } });
  expect(res.status).toBe(404);
  await fac.page.context().close();
});
