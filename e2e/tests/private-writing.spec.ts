import { test, expect, type Browser, type BrowserContext } from '@playwright/test';
import { serverPerFile } from './server.ts';
import { BoardView } from './board-page.ts';

const server = serverPerFile();
const shots = process.env.ACCORD_SCREENSHOTS ? '../docs/facilitation' : null;

async function join(browser: Browser | BrowserContext, url: string, name: string, color: string): Promise<BoardView> {
  const context = 'newContext' in browser ? await browser.newContext({ viewport: { width: 1400, height: 900 } }) : browser;
  const v = new BoardView(await context.newPage(), name, color);
  await v.open(url);
  return v;
}

const texts = async (v: BoardView) => (await v.shapes()).map((s) => s.text).sort();

test('private notes stay on their writer’s device — not on others’ pages nor on the server — until the reveal publishes them all', async ({ browser }) => {
  const board = await server.createBoard('Private writing');
  const link = (role: 'facilitator' | 'participant') => `${server.url}/b/${board.id}#t=${board.tokens[role]}`;
  const fac = await join(browser, link('facilitator'), 'Fay', '#1971c2');
  const pat = await join(browser, link('participant'), 'Pat', '#e03131');
  const quinnContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  let quinn = await join(quinnContext, link('participant'), 'Quinn', '#2f9e44');

  await fac.dock('Writing');
  await fac.page.getByRole('button', { name: 'Start private writing' }).click();
  for (const v of [pat, quinn]) await expect(v.page.getByTestId('private-banner')).toBeVisible();

  const patText = 'pat-private-7f3a one deploy per day';
  const quinnText = 'quinn-private-91bc pair on the billing bug';
  await pat.addNote(patText, { x: 400, y: 350 });
  await quinn.addNote(quinnText, { x: 800, y: 350 });
  await expect.poll(() => texts(pat)).toEqual([patText]);
  await expect(pat.page.locator('.private-tag')).toHaveCount(1);
  await expect.poll(() => texts(quinn)).toEqual([quinnText]);

  // Others see only how many private notes each person holds.
  await expect(quinn.page.getByTestId('private-others')).toContainText('Pat: 1 private note');
  await expect(fac.page.getByTestId('private-held')).toHaveText(/^2 private notes held/);
  await fac.page.waitForTimeout(500);
  expect(await texts(fac)).toEqual([]);
  expect(await texts(quinn)).toEqual([quinnText]);
  expect(server.storedAnywhere(patText)).toBe(false);
  expect(server.storedAnywhere(quinnText)).toBe(false);

  // A reload keeps the private note on its device, still private.
  await pat.page.reload();
  await pat.waitLive();
  await expect.poll(() => texts(pat)).toEqual([patText]);
  await expect(pat.page.locator('.private-tag')).toHaveCount(1);
  if (shots) {
    await fac.dock('People');
    await fac.page.screenshot({ path: `${shots}/private-before-reveal-facilitator.png` });
    await pat.page.screenshot({ path: `${shots}/private-before-reveal-participant.png` });
    await fac.dock('Writing');
  }

  // Quinn goes offline before the reveal (closes the board); their note must follow on reconnect.
  await quinn.page.close();
  await fac.page.getByRole('button', { name: 'Reveal everyone’s notes' }).click();
  await expect.poll(() => texts(fac)).toEqual([patText]);
  expect(server.storedAnywhere(quinnText)).toBe(false);
  await expect.poll(() => server.storedAnywhere(patText)).toBe(true);

  quinn = await join(quinnContext, link('participant'), 'Quinn', '#2f9e44');
  await expect.poll(() => texts(fac)).toEqual([patText, quinnText].sort());
  await expect.poll(() => texts(pat)).toEqual([patText, quinnText].sort());
  await expect.poll(() => server.storedAnywhere(quinnText)).toBe(true);
  for (const v of [pat, quinn]) await expect(v.page.locator('.private-tag')).toHaveCount(0);
  // Published with their author (the round was not anonymous).
  const authors = await fac.page.evaluate(() =>
    (window as unknown as { __accordEditor: { getCurrentPageShapes(): Array<{ meta: { accordAuthor?: { name: string } } }> } }).__accordEditor
      .getCurrentPageShapes()
      .map((s) => s.meta.accordAuthor?.name)
      .sort(),
  );
  expect(authors).toEqual(['Pat', 'Quinn']);
  if (shots) await fac.page.screenshot({ path: `${shots}/private-after-reveal.png` });
  // After the reveal, new notes are shared at once again.
  await pat.addNote('after the round', { x: 400, y: 650 });
  await expect.poll(() => texts(quinn)).toContain('after the round');
  await Promise.all([fac, pat, quinn].map((v) => v.page.context().close()));
});

test('a round published without authors carries no author', async ({ browser }) => {
  const board = await server.createBoard('Anonymous round');
  const link = (role: 'facilitator' | 'participant') => `${server.url}/b/${board.id}#t=${board.tokens[role]}`;
  const fac = await join(browser, link('facilitator'), 'Fay', '#1971c2');
  const pat = await join(browser, link('participant'), 'Pat', '#e03131');
  await fac.dock('Writing');
  await fac.page.getByLabel('Publish without authors').check();
  await fac.page.getByRole('button', { name: 'Start private writing' }).click();
  await expect(pat.page.getByTestId('private-banner')).toBeVisible();
  await pat.addNote('nobody knows who wrote this', { x: 500, y: 400 });
  await expect(fac.page.getByTestId('private-held')).toHaveText(/^1 private note held · without authors/);
  await fac.page.getByRole('button', { name: 'Reveal everyone’s notes' }).click();
  await expect.poll(() => texts(fac)).toEqual(['nobody knows who wrote this']);
  const meta = await fac.page.evaluate(() => (window as unknown as { __accordEditor: { getCurrentPageShapes(): Array<{ meta: object }> } }).__accordEditor.getCurrentPageShapes()[0]!.meta);
  expect(meta).not.toHaveProperty('accordAuthor');
  expect(meta).not.toHaveProperty('accordPrivate');
  await Promise.all([fac, pat].map((v) => v.page.context().close()));
});
