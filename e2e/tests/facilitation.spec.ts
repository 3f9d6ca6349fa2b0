import { test, expect, type Browser } from '@playwright/test';
import { serverPerFile } from './server.ts';
import { BoardView } from './board-page.ts';

const server = serverPerFile();

async function room(browser: Browser) {
  const board = await server.createBoard('Facilitated session');
  const view = async (name: string, role: 'facilitator' | 'participant') => {
    const v = new BoardView(await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage(), name);
    await v.open(`${server.url}/b/${board.id}#t=${board.tokens[role]}`);
    return v;
  };
  const fac = await view('Fay', 'facilitator');
  await fac.dock('Run');
  const p1 = await view('Pat', 'participant');
  const p2 = await view('Quinn', 'participant');
  return { fac, p1, p2, close: async () => Promise.all([fac, p1, p2].map((v) => v.page.context().close())) };
}

const remaining = async (v: BoardView) => Number(await v.page.getByTestId('timer').getAttribute('data-remaining'));

test('the timer shows the same time for facilitator and participants (within 1 s)', async ({ browser }) => {
  const { fac, p1, p2, close } = await room(browser);
  await expect(fac.page.getByTestId('facilitator-panel')).toBeVisible();
  await fac.page.getByRole('button', { name: '5 min', exact: true }).click();
  for (const v of [fac, p1, p2]) await expect(v.page.getByTestId('timer')).toBeVisible();
  await fac.page.waitForTimeout(1500);
  const values = await Promise.all([fac, p1, p2].map(remaining));
  expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
  expect(values[0]).toBeLessThan(300);
  expect(values[0]).toBeGreaterThan(290);
  // Pause freezes it everywhere; +1 min adds a minute everywhere.
  await fac.page.getByRole('button', { name: 'Pause' }).click();
  await p1.page.waitForTimeout(1200);
  const paused = await remaining(p1);
  await p1.page.waitForTimeout(1200);
  expect(await remaining(p1)).toBe(paused);
  await fac.page.getByRole('button', { name: '+1 min' }).click();
  await expect.poll(() => remaining(p2)).toBe(paused + 60);
  await close();
});

test('lock stops a participant’s edit; unlock restores it', async ({ browser }) => {
  const { fac, p1, close } = await room(browser);
  await fac.page.getByRole('button', { name: 'Lock board' }).click();
  await expect(p1.page.getByTestId('locked-banner')).toBeVisible();
  await p1.addNote('should not land', { x: 500, y: 400 });
  await fac.page.waitForTimeout(800);
  expect(await fac.shapes()).toHaveLength(0);
  expect(await p1.shapes()).toHaveLength(0);
  await fac.page.getByRole('button', { name: 'Unlock board' }).click();
  await expect(p1.page.getByTestId('locked-banner')).toHaveCount(0);
  await p1.addNote('after unlock', { x: 500, y: 400 });
  await expect.poll(async () => (await fac.shapes()).map((s) => s.text)).toEqual(['after unlock']);
  await close();
});

test('“bring everyone here” moves the participants’ viewports to the facilitator’s', async ({ browser }) => {
  const { fac, p1, p2, close } = await room(browser);
  await fac.page.evaluate(() => (window as unknown as { __accordEditor: { setCamera(c: object): void } }).__accordEditor.setCamera({ x: -5000, y: -3000, z: 0.5 }));
  const center = (v: BoardView) =>
    v.page.evaluate(() => {
      const c = (window as unknown as { __accordEditor: { getViewportPageBounds(): { center: { x: number; y: number } } } }).__accordEditor.getViewportPageBounds().center;
      return { x: Math.round(c.x), y: Math.round(c.y) };
    });
  const target = await center(fac);
  expect(Math.abs((await center(p1)).x - target.x)).toBeGreaterThan(1000);
  await fac.page.getByRole('button', { name: 'Bring everyone here' }).click();
  for (const p of [p1, p2]) {
    await expect.poll(async () => Math.abs((await center(p)).x - target.x) + Math.abs((await center(p)).y - target.y)).toBeLessThan(50);
  }
  await close();
});
