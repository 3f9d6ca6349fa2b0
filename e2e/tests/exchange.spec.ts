import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { serverPerFile } from './server.ts';
import { BoardView } from './board-page.ts';
import { knownBoardCount } from './local.ts';

const server = serverPerFile();
const dir = mkdtempSync(join(tmpdir(), 'accord-exchange-'));

const sorted = (list: Array<{ type: string; x: number; y: number; text: string }>) =>
  list.map(({ type, x, y, text }) => ({ type, x, y, text })).sort((a, b) => a.type.localeCompare(b.type) || a.x - b.x || a.y - b.y);

test('a board exported as .tldr re-imports as a new board with the same shapes; PNG and SVG exports download', async ({ browser }) => {
  const board = await server.createBoard('Exchange');
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const view = new BoardView(await context.newPage(), 'Fay');
  await view.open(`${server.url}/b/${board.id}#t=${board.tokens.facilitator}`);
  await view.addNote('Keep the pipeline', { x: 400, y: 300 });
  await view.addNote('Ship experiments', { x: 800, y: 300 });
  await view.drawRectangle({ x: 350, y: 550 }, { x: 600, y: 700 });
  await expect.poll(async () => (await view.shapes()).length).toBe(3);
  const before = sorted(await view.shapes());

  const menu = async (item: string) => {
    await view.page.getByRole('button', { name: 'Export', exact: true }).click();
    const download = view.page.waitForEvent('download');
    await view.page.getByRole('menuitem', { name: item }).click();
    return download;
  };
  // Nothing is selected, so the selection items are disabled.
  await view.page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(view.page.getByRole('menuitem', { name: 'Selection as PNG' })).toBeDisabled();
  await view.page.keyboard.press('Escape');
  await expect(view.page.getByRole('menu', { name: 'Export' })).toHaveCount(0);

  const png = await menu('Board as PNG');
  expect(png.suggestedFilename()).toBe('exchange.png');
  expect(readFileSync(await png.path()).subarray(1, 4).toString()).toBe('PNG');
  const svg = await menu('Board as SVG');
  expect(readFileSync(await svg.path(), 'utf8')).toMatch(/^<svg[\s\S]*Keep the pipeline/);
  const tldr = await menu('Board as .tldr file');
  expect(tldr.suggestedFilename()).toBe('exchange.tldr');
  const file = join(dir, 'exchange.tldr');
  writeFileSync(file, readFileSync(await tldr.path()));
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ tldrawFileFormatVersion: expect.any(Number), records: expect.any(Array) });

  // Import it on the home page: a new board, the same shapes.
  await view.page.goto(`${server.url}/`);
  await view.page.getByLabel('Import a .tldr file').setInputFiles(file);
  await expect(view.page).toHaveURL(/\/b\/[A-Za-z0-9_-]{10,64}#t=/);
  expect(view.page.url()).not.toContain(board.id);
  // The new board keeps the file's board title.
  const [, importedId, importedToken] = /\/b\/([A-Za-z0-9_-]+)#t=([^&]+)/.exec(view.page.url())!;
  const imported = await (await fetch(`${server.url}/api/boards/${importedId}`, { headers: { authorization: `Bearer ${importedToken}` } })).json();
  expect(imported).toMatchObject({ title: 'Exchange' });
  await view.waitLive();
  await expect.poll(async () => sorted(await view.shapes())).toEqual(before);
  await context.close();
});

test('a broken, unsupported or oversized file is refused with a clear message and creates no board', async ({ page }) => {
  await page.goto(`${server.url}/`);
  const input = page.getByLabel('Import a .tldr file');
  const error = page.getByTestId('import-error');
  const boardsBefore = await knownBoardCount(page);

  const notJson = join(dir, 'notes.tldr');
  writeFileSync(notJson, 'this is not a tldraw file');
  await input.setInputFiles(notJson);
  await expect(error).toHaveText('“notes.tldr” is not a tldraw file (it is not JSON).');

  const wrongShape = join(dir, 'wrong.tldr');
  writeFileSync(wrongShape, JSON.stringify({ hello: 'world' }));
  await input.setInputFiles(wrongShape);
  await expect(error).toContainText('Could not import “wrong.tldr”');

  const future = join(dir, 'future.tldr');
  writeFileSync(future, JSON.stringify({ tldrawFileFormatVersion: 99, schema: { schemaVersion: 2, sequences: {} }, records: [] }));
  await input.setInputFiles(future);
  await expect(error).toContainText('Could not import “future.tldr”');

  await input.setInputFiles({ name: 'huge.tldr', mimeType: 'application/json', buffer: Buffer.alloc(21 * 1024 * 1024, 32) });
  await expect(error).toHaveText('“huge.tldr” is 21.0 MiB; files up to 20 MiB can be imported.');

  await expect(page).toHaveURL(`${server.url}/`);
  expect(await knownBoardCount(page)).toBe(boardsBefore);
});
