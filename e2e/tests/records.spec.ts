import { writeFileSync, readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { serverPerFile } from './server.ts';
import { BoardView, joinAs, noteInFrame } from './board-page.ts';

const server = serverPerFile();

test('a mini workshop ends in a decision record that shows the needs and the decision, frozen, comparable with now, restorable', async ({ browser }) => {
  const board = await server.createBoard('Growth team: experiments vs rebuild', 'needs-vs-positions');
  const link = (role: 'facilitator' | 'participant') => `${server.url}/b/${board.id}#t=${board.tokens[role]}`;
  const fac = await joinAs(browser, link('facilitator'), 'Fay');
  await expect.poll(async () => (await fac.frames()).length).toBeGreaterThan(4);
  const priya = await joinAs(browser, link('participant'), 'Priya', { party: 'em' });
  const marco = await joinAs(browser, link('participant'), 'Marco', { party: 'pm' });
  const all = await fac.frames();
  const frame = (kind: string, party: string) => all.find((f) => f.kind === kind && f.party === party)!;

  await noteInFrame(priya, frame('position', 'em'), 'Rebuild the pipeline first');
  await noteInFrame(priya, frame('need', 'em'), 'Keep the seniors: give them hard problems');
  await noteInFrame(marco, frame('position', 'pm'), 'Run 50 experiments this quarter');
  await noteInFrame(marco, frame('need', 'pm'), 'Prove growth before the June funding review');
  const noteTexts = async (v: BoardView) => (await v.shapes()).filter((s) => s.type === 'note').map((s) => s.text).sort();
  await expect.poll(() => noteTexts(fac)).toHaveLength(4);

  // A dot vote: both participants back Marco's need; the facilitator reveals and closes it.
  await fac.dock('Vote');
  await fac.page.getByRole('button', { name: 'Open vote' }).click();
  const target = (await fac.shapes()).find((s) => s.text.startsWith('Prove growth'))!;
  for (const v of [priya, marco]) {
    await v.page.evaluate((id) => {
      const editor = (window as unknown as { __accordEditor: { zoomToBounds(b: object, o?: object): void; getShapePageBounds(id: string): object } }).__accordEditor;
      editor.zoomToBounds(editor.getShapePageBounds(id), { inset: 200 });
    }, target.id);
    await v.page.getByTestId(`vote-add-${target.id}`).click();
  }
  await fac.page.getByRole('button', { name: 'Reveal' }).click();
  await fac.page.getByRole('button', { name: 'Close vote' }).click();

  // The facilitator records the decision from the decision log.
  await fac.dock('Decisions');
  const log = fac.page.getByTestId('decision-log');
  await expect(log).toContainText('No decision recorded yet');
  await log.getByLabel('Decision title').fill('Experiments through a framework the team builds');
  await log.getByLabel('Decision statement').fill('We run the quarter’s experiments through a framework the team builds in the first three weeks.');
  await log.getByLabel('Owner').fill('Priya and Marco');
  await log.getByLabel('Review date').fill('2027-02-01');
  await log.getByRole('button', { name: 'Record decision' }).click();
  await expect(log.getByTestId('recorded')).toContainText('Recorded as #1');
  await expect(log.getByTestId('chain-status')).toContainText('Chain intact — 1 record');
  await fac.page.screenshot({ path: '../docs/screenshot-decisions.png' });
  // A participant sees the log but cannot record.
  await priya.dock('Decisions');
  await expect(priya.page.getByTestId('decision-log').getByTestId('record-1')).toBeVisible();
  await expect(priya.page.getByRole('button', { name: 'Record decision' })).toHaveCount(0);

  await log.getByRole('link', { name: 'Open the record' }).click();
  const page = fac.page;
  const md = page.getByTestId('record-markdown');
  await expect(md.locator('h1')).toHaveText('Experiments through a framework the team builds');
  await expect(md).toContainText('Keep the seniors: give them hard problems');
  await expect(md).toContainText('Prove growth before the June funding review');
  await expect(md).toContainText('We run the quarter’s experiments through a framework the team builds in the first three weeks.');
  await expect(md).toContainText('Priya and Marco');
  const recordShapes = () =>
    page.evaluate(() => {
      const editor = (window as unknown as { __accordRecordEditor?: { getCurrentPageShapes(): Array<{ type: string }> } }).__accordRecordEditor;
      return editor ? editor.getCurrentPageShapes().filter((s) => s.type === 'note').length : -1;
    });
  await expect.poll(recordShapes).toBe(4);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download .md' }).click();
  const markdown = readFileSync(await (await download).path(), 'utf8');
  expect(markdown).toContain('Keep the seniors: give them hard problems');
  expect(markdown).toMatch(/\| Prove growth before the June funding review \| 2 \|/);
  writeFileSync('/tmp/accord-record-example.md', markdown);
  const png = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download .png' }).click();
  expect(readFileSync(await (await png).path()).subarray(1, 4).toString()).toBe('PNG');

  // A later edit is not in the record, and "compare with now" lists it.
  await noteInFrame(priya, frame('need', 'em'), 'Added after the record');
  await expect.poll(async () => (await noteTexts(priya)).length).toBe(5);
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('diff-added')).toContainText('Added after the record');
  expect(await recordShapes()).toBe(4);
  await page.screenshot({ path: '../docs/screenshot-record.png', fullPage: true });

  // Restoring makes a new board from the snapshot; the original keeps its later note.
  await page.getByRole('button', { name: 'Restore as new board' }).click();
  await expect(page).not.toHaveURL(new RegExp(board.id));
  const restored = new BoardView(page, 'Fay');
  await restored.waitLive();
  await expect.poll(() => noteTexts(restored)).toEqual(
    ['Keep the seniors: give them hard problems', 'Prove growth before the June funding review', 'Rebuild the pipeline first', 'Run 50 experiments this quarter'].sort(),
  );
  expect(await noteTexts(priya)).toContain('Added after the record');
  await Promise.all([fac, priya, marco].map((v) => v.page.context().close()));
});

test('a record link for an unknown record says so and leads back to the board', async ({ page }) => {
  const board = await server.createBoard('No records');
  await page.goto(`${server.url}/b/${board.id}/records/nope1234nope#t=${board.tokens.viewer}`);
  await expect(page.getByTestId('record-error')).toContainText('There is no such decision record on this board.');
  await expect(page.getByRole('link', { name: 'Back to the board' })).toHaveAttribute('href', `/b/${board.id}#t=${board.tokens.viewer}`);
});
