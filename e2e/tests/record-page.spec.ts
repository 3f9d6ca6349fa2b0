import { test, expect, type Page } from '@playwright/test';
import { serverPerFile } from './server.ts';
import { closedVote, recordDecision, seedBoard } from '../seed.ts';

// The record page as read: the frozen board fitted to its box, zoom and fit buttons, the page's
// scrolling left alone until the board is clicked, and tables that read cleanly, on a desktop and a phone.
const server = serverPerFile();
let url = '';

test.beforeAll(async ({ browser }) => {
  const seeded = await seedBoard(browser, server, { title: 'SSO for Acme', template: 'staged-compromise', notes: 24 });
  await closedVote(server, seeded.board, seeded.notes);
  const recordId = await recordDecision(server, seeded.board, 'Ship SSO in two stages', '2027-02-01');
  url = `${server.url}/b/${seeded.board.id}/records/${recordId}#t=${seeded.board.tokens.viewer}`;
  await seeded.page.context().close();
});

type View = { camera: { x: number; y: number; z: number }; board: { x: number; y: number; w: number; h: number }; viewport: { x: number; y: number; w: number; h: number }; scrollY: number };
const view = (page: Page) =>
  page.evaluate((): View => {
    const e = (window as unknown as { __accordRecordEditor: { getCamera(): View['camera']; getCurrentPageBounds(): View['board']; getViewportPageBounds(): View['viewport'] } }).__accordRecordEditor;
    const { x, y, z } = e.getCamera();
    const b = e.getCurrentPageBounds();
    const v = e.getViewportPageBounds();
    return { camera: { x, y, z }, board: { x: b.x, y: b.y, w: b.w, h: b.h }, viewport: { x: v.x, y: v.y, w: v.w, h: v.h }, scrollY: window.scrollY };
  });

const sameCamera = (a: View['camera'], b: View['camera']) => Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.z / b.z - 1) < 0.001;

/** The whole board is in view, and fills the box along one side at least (not a postage stamp in the middle). */
function expectFitted({ board, viewport }: View) {
  expect(board.x).toBeGreaterThanOrEqual(viewport.x - 0.5);
  expect(board.y).toBeGreaterThanOrEqual(viewport.y - 0.5);
  expect(board.x + board.w).toBeLessThanOrEqual(viewport.x + viewport.w + 0.5);
  expect(board.y + board.h).toBeLessThanOrEqual(viewport.y + viewport.h + 0.5);
  expect(Math.max(board.w / viewport.w, board.h / viewport.h)).toBeGreaterThan(0.85);
}

/** Lines each table header cell, and each date cell, takes: one, or the text breaks mid-word. */
const cellLines = (page: Page) =>
  page.getByTestId('record-markdown').evaluate((md) => {
    const lines = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
    };
    const dates = Array.from(md.querySelectorAll('td')).filter((td) => /^\d{4}-\d{2}-\d{2}$/.test(td.textContent ?? ''));
    return { headers: Array.from(md.querySelectorAll('th')).map((th) => [th.textContent, lines(th)]), dates: dates.map((td) => [td.textContent, lines(td)]) };
  });

async function openRecord(page: Page) {
  await page.goto(url);
  await expect(page.getByTestId('record-canvas').locator('.tl-shape').first()).toBeVisible();
  await expect.poll(async () => (await view(page)).camera.z).toBeGreaterThan(0);
}

test('on a desktop: the board is fitted, zooms and fits again, and the wheel scrolls the page until the board is clicked', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await openRecord(page);
  await expect.poll(async () => expectFitted(await view(page)) ?? true).toBe(true);
  // The fit is done once the camera holds still (it refits as the layout settles on a busy machine).
  let fitted = await view(page);
  await expect
    .poll(async () => {
      await page.waitForTimeout(300);
      const now = await view(page);
      const still = sameCamera(now.camera, fitted.camera);
      fitted = now;
      return still;
    })
    .toBe(true);

  // The wheel over the board scrolls the page; the board stays as it was.
  const canvas = page.getByTestId('record-canvas');
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 300);
  await expect.poll(async () => (await view(page)).scrollY).toBeGreaterThan(100);
  expect(sameCamera((await view(page)).camera, fitted.camera)).toBe(true);
  await page.evaluate(() => window.scrollTo(0, 0));

  // Zoom in, zoom out, fit.
  const zoom = async () => (await view(page)).camera.z;
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(zoom).toBeGreaterThan(fitted.camera.z * 1.2);
  const zoomedIn = await zoom();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(zoom).toBeLessThan(zoomedIn * 0.9);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Fit the board' }).click();
  await expect.poll(async () => sameCamera((await view(page)).camera, fitted.camera)).toBe(true);

  // Clicked, the board takes the wheel (it pans) and the page stays put.
  const before = await view(page);
  const at = (await canvas.boundingBox())!;
  await page.mouse.click(at.x + at.width / 2, at.y + at.height / 2);
  await page.mouse.wheel(0, 200);
  await expect.poll(async () => (await view(page)).camera.y).not.toBe(before.camera.y);
  expect((await view(page)).scrollY).toBe(before.scrollY);

  // Tables: header cells and dates on one line each.
  const lines = await cellLines(page);
  expect(lines.headers.length).toBeGreaterThan(5);
  expect(lines.dates.length).toBeGreaterThan(5);
  for (const [text, n] of [...lines.headers, ...lines.dates]) expect(n, `"${text}" breaks across lines`).toBe(1);
  await page.context().close();
});

test('on a phone: the page does not scroll sideways, the board is fitted, table headers stay whole', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })).newPage();
  await openRecord(page);
  await page.getByTestId('record-canvas').scrollIntoViewIfNeeded();
  await expect.poll(async () => expectFitted(await view(page)) ?? true).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const lines = await cellLines(page);
  for (const [text, n] of [...lines.headers, ...lines.dates]) expect(n, `"${text}" breaks across lines`).toBe(1);
  await page.context().close();
});
