/**
 * Pictures of a decision record page, to look at: a workshop board with notes and a closed vote,
 * recorded, shown at 1400×900 and on a phone (390×844), the viewport and the full page.
 * Usage: `pnpm --filter @accord/web build && node e2e/record-screenshots.ts [outDir]` (default /tmp).
 */
import { chromium } from '@playwright/test';
import { AccordServer } from './tests/server.ts';
import { closedVote, recordDecision, seedBoard } from './seed.ts';

const out = process.argv[2] ?? '/tmp';
const server = new AccordServer();
await server.start();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
try {
  const seeded = await seedBoard(browser, server, { title: 'SSO for Acme', template: 'staged-compromise', notes: 24 });
  await closedVote(server, seeded.board, seeded.notes);
  const recordId = await recordDecision(server, seeded.board, 'Ship SSO in two stages', '2027-02-01');
  const url = `${server.url}/b/${seeded.board.id}/records/${recordId}#t=${seeded.board.tokens.facilitator}`;
  for (const [name, viewport] of [
    ['desktop', { width: 1400, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    const page = await (await browser.newContext({ viewport, deviceScaleFactor: 1 })).newPage();
    await page.goto(url);
    await page.getByTestId('record-canvas').locator('.tl-shape').first().waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${out}/accord-record-${name}.png` });
    await page.screenshot({ path: `${out}/accord-record-${name}-full.png`, fullPage: true });
    // The parts that go wrong first on a small screen, each in the viewport as a person sees it.
    for (const [part, target] of [
      ['table', page.getByTestId('record-markdown').locator('table').first()],
      ['votes', page.getByTestId('record-markdown').locator('table').last()],
      ['board', page.getByTestId('record-canvas')],
    ] as const) {
      await target.scrollIntoViewIfNeeded();
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${out}/accord-record-${name}-${part}.png` });
    }
    console.log(`wrote ${out}/accord-record-${name}{,-full,-table,-votes,-board}.png`);
  }
} finally {
  await browser.close();
  await server.stop();
}
