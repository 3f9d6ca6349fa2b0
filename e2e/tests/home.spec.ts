import { test, expect } from '@playwright/test';
import { serverPerFile } from './server.ts';
import { BoardView } from './board-page.ts';

const server = serverPerFile();

test('create a board from the home page, land in it as facilitator, rename it, find it under "Your boards"', async ({ page, browser }) => {
  await page.addInitScript(() => {
    if (!localStorage.getItem('accord.me.v1')) localStorage.setItem('accord.me.v1', JSON.stringify({ id: 'me-1', name: 'Fay', color: '#e03131' }));
  });
  await page.goto(server.url);
  await page.getByLabel('Title').fill('Quarterly retro');
  await page.getByRole('button', { name: 'Create board' }).click();
  await expect(page).toHaveURL(/\/b\/[A-Za-z0-9_-]+#t=v1\./);
  const board = new BoardView(page, 'Fay');
  await board.waitLive();
  await expect(page.getByTestId('board')).toHaveAttribute('data-role', 'facilitator');

  // A participant sees the rename live.
  await page.getByRole('button', { name: 'Share' }).click();
  const participantLink = await page.getByTestId('share-participant').inputValue();
  await expect(page.getByTestId('share-facilitator')).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  const other = new BoardView(await (await browser.newContext()).newPage(), 'Gil');
  await other.open(participantLink);
  await page.getByTestId('board-title').click();
  await page.getByLabel('Board title').fill('Quarterly retro — Q3');
  await page.keyboard.press('Enter');
  await expect(other.page.getByTestId('board-title')).toHaveText('Quarterly retro — Q3');

  await page.goto(server.url);
  const list = page.getByTestId('your-boards');
  await expect(list).toContainText('Quarterly retro — Q3');
  await expect(list).toContainText('facilitator');
  await list.getByRole('button', { name: /Forget/ }).click();
  await expect(page.getByText('Boards you create or join from a link appear here.')).toBeVisible();
  await other.page.context().close();
});

test('a participant link shares no facilitator link', async ({ browser }) => {
  const board = await server.createBoard('Links');
  const p = new BoardView(await (await browser.newContext()).newPage(), 'Pat');
  await p.open(`${server.url}/b/${board.id}#t=${board.tokens.participant}`);
  await p.page.getByRole('button', { name: 'Share' }).click();
  await expect(p.page.getByTestId('share-viewer')).toBeVisible();
  await expect(p.page.getByTestId('share-participant')).toHaveValue(`${server.url}/b/${board.id}#t=${board.tokens.participant}`);
  await expect(p.page.getByTestId('share-facilitator')).toHaveCount(0);
  await p.page.context().close();
});

test('error pages for an unknown board, a bad link and an unreachable server each lead home', async ({ page }) => {
  const board = await server.createBoard('Errors');
  await page.goto(`${server.url}/b/unknownBoard123#t=${board.tokens.viewer.replace(board.id, 'unknownBoard123')}`);
  await expect(page.getByTestId('error-unknown-board')).toBeVisible();
  // A forged token on a board that exists answers as an unknown board does: nothing tells them apart.
  await page.goto(`${server.url}/b/${board.id}#t=v1.${board.id}.viewer.${'A'.repeat(43)}`);
  await expect(page.getByTestId('error-unknown-board')).toBeVisible();
  await page.goto(`${server.url}/b/${board.id}`);
  await expect(page.getByTestId('error-bad-link')).toBeVisible();
  await page.route('**/api/boards/**', (route) => route.abort('connectionrefused'));
  await page.goto(`${server.url}/b/${board.id}#t=${board.tokens.viewer}`);
  await expect(page.getByTestId('error-unreachable')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to your boards' }).click();
  await expect(page.getByRole('heading', { name: 'Start a board' })).toBeVisible();
});
