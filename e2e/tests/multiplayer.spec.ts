import { test, expect } from '@playwright/test';
import { serverPerFile } from './server.ts';
import { BoardView } from './board-page.ts';

const server = serverPerFile();

async function twoPeople(browser: import('@playwright/test').Browser, roleB: 'participant' | 'viewer' = 'participant') {
  const board = await server.createBoard('Multiplayer test');
  const ctxA = await browser.newContext();
  const ctxB = await browser.newContext();
  const a = new BoardView(await ctxA.newPage(), 'Ana');
  const b = new BoardView(await ctxB.newPage(), 'Bo');
  await a.open(`${server.url}/b/${board.id}#t=${board.tokens.facilitator}`);
  await b.open(`${server.url}/b/${board.id}#t=${board.tokens[roleB]}`);
  return { board, a, b, ctxA, ctxB, close: async () => {
      await ctxA.close();
      await ctxB.close();
    },
  };
}

test('a note and a drawn shape made in A appear in B; B moves the note and A sees it; cursors; reload keeps everything', async ({ browser }) => {
  const { a, b, close } = await twoPeople(browser);
  await a.addNote('Ship Q2 to the customer', { x: 400, y: 300 });
  await a.drawRectangle({ x: 700, y: 250 }, { x: 900, y: 400 });
  await expect.poll(async () => (await b.shapes()).map((s) => s.type).sort()).toEqual(['geo', 'note']);
  const note = (await b.shapes()).find((s) => s.type === 'note')!;
  expect(note.text).toBe('Ship Q2 to the customer');

  const start = await b.screenCenter(note.id);
  await b.drag(start, { x: start.x + 150, y: start.y + 120 });
  await expect.poll(async () => (await a.shapes()).find((s) => s.id === note.id)!.x).toBeGreaterThan(note.x + 100);

  // A's cursor is drawn on B's canvas with A's name.
  await a.moveMouse({ x: 300, y: 500 });
  await a.moveMouse({ x: 320, y: 520 });
  await expect(b.page.locator('.tl-collaborator__cursor')).toHaveCount(1);
  await expect(b.page.getByTestId('people').locator('.avatar')).toHaveCount(2);

  const before = await a.shapes();
  await a.page.reload();
  await a.waitLive();
  await expect.poll(async () => (await a.shapes()).sort((x, y) => x.id.localeCompare(y.id))).toEqual(before.sort((x, y) => x.id.localeCompare(y.id)));
  await close();
});

test("a viewer's attempts to edit leave the board unchanged", async ({ browser }) => {
  const { a, b, close } = await twoPeople(browser, 'viewer');
  await a.addNote('Only the facilitator wrote this', { x: 400, y: 300 });
  await expect.poll(async () => (await b.shapes()).length).toBe(1);
  await b.addNote('viewer note', { x: 600, y: 350 });
  await b.drawRectangle({ x: 700, y: 250 }, { x: 900, y: 400 });
  await b.page.keyboard.press('Control+a');
  await b.page.keyboard.press('Delete');
  await a.page.waitForTimeout(1000);
  expect((await a.shapes()).map((s) => s.text)).toEqual(['Only the facilitator wrote this']);
  expect((await b.shapes()).map((s) => s.text)).toEqual(['Only the facilitator wrote this']);
  await close();
});

test('the server restarted mid-session: both reconnect and keep editing', async ({ browser }) => {
  const { a, b, close } = await twoPeople(browser);
  await a.addNote('before restart', { x: 400, y: 300 });
  await expect.poll(async () => (await b.shapes()).length).toBe(1);
  await server.restart();
  await a.waitLive();
  await b.waitLive();
  await b.addNote('after restart', { x: 700, y: 300 });
  await expect.poll(async () => (await a.shapes()).map((s) => s.text).sort()).toEqual(['after restart', 'before restart']);
  await close();
});

test('A edits while offline; B sees it after A reconnects', async ({ browser }) => {
  const { a, b, ctxA, close } = await twoPeople(browser);
  await ctxA.setOffline(true);
  await expect(a.page.getByTestId('connection-state')).toHaveAttribute('data-state', 'offline', { timeout: 40_000 });
  await a.addNote('written offline', { x: 400, y: 300 });
  await b.page.waitForTimeout(500);
  expect(await b.shapes()).toHaveLength(0);
  await ctxA.setOffline(false);
  await a.waitLive();
  await expect.poll(async () => (await b.shapes()).map((s) => s.text)).toEqual(['written offline']);
  await close();
});
