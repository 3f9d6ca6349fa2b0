import { test, expect } from '@playwright/test';
import { serverPerFile } from './server.ts';
import { BoardView } from './board-page.ts';
import { knownBoardCount } from './local.ts';

const server = serverPerFile();

test('a facilitator deletes a board after confirming: everyone on it is told, its links stop working, nothing of it stays on the server', async ({ browser }) => {
  const board = await server.createBoard('Doomed board');
  const fac = new BoardView(await (await browser.newContext()).newPage(), 'Fay');
  const guest = new BoardView(await (await browser.newContext()).newPage(), 'Gil');
  await fac.open(`${server.url}/b/${board.id}#t=${board.tokens.facilitator}`);
  await guest.open(`${server.url}/b/${board.id}#t=${board.tokens.participant}`);
  await guest.addNote('Secret plans for Q4', { x: 400, y: 300 });
  await expect.poll(async () => (await fac.shapes()).length).toBe(1);
  await expect.poll(() => server.storedAnywhere('Secret plans for Q4')).toBe(true);
  expect(await knownBoardCount(guest.page)).toBe(1);

  await fac.dock('Run');
  await fac.page.getByRole('button', { name: 'Delete board…' }).click();
  await expect(fac.page.getByRole('alertdialog', { name: 'Delete this board?' })).toContainText('Doomed board');
  // Cancelling keeps it.
  await fac.page.getByRole('button', { name: 'Cancel' }).click();
  await fac.page.getByRole('button', { name: 'Delete board…' }).click();
  await fac.page.getByRole('button', { name: 'Delete for everyone' }).click();

  // The facilitator lands home, the board gone from their list; the guest is told where they are.
  await expect(fac.page.getByRole('heading', { name: 'Start a board' })).toBeVisible();
  await expect(fac.page.getByText('Boards you create or join from a link appear here.')).toBeVisible();
  await expect(guest.page.getByTestId('error-board-deleted')).toBeVisible();
  expect(await knownBoardCount(guest.page)).toBe(0);

  // Its links answer like any unknown board, and the server keeps nothing of it (the WAL is
  // checkpointed when the server stops, so the bytes are gone from every file).
  await guest.page.goto('about:blank');
  await guest.page.goto(`${server.url}/b/${board.id}#t=${board.tokens.participant}`);
  await expect(guest.page.getByTestId('error-unknown-board')).toBeVisible();
  await server.restart();
  expect(server.storedAnywhere('Secret plans for Q4')).toBe(false);
  for (const v of [fac, guest]) await v.page.context().close();
});
