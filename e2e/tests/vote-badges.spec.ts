import { test, expect } from '@playwright/test';
import { serverPerFile } from './server.ts';
import { closedVote, seedBoard } from '../seed.ts';

const server = serverPerFile();

test('after a round closes, dot totals sit only on the notes it counted: none on notes without dots or added later', async ({ browser }) => {
  const seeded = await seedBoard(browser, server, { title: 'Badges', template: 'needs-vs-positions', notes: 8 });
  // Four voters put their dots on the first six notes; the last two get none.
  await closedVote(server, seeded.board, seeded.notes);
  const { page } = seeded;
  const counted = seeded.notes.slice(0, 6);
  for (const id of counted) await expect(page.getByTestId(`vote-total-${id}`)).toHaveText('2');
  await expect(page.locator('.vote-total')).toHaveCount(counted.length);
  for (const id of seeded.notes.slice(6)) await expect(page.getByTestId(`vote-${id}`)).toHaveCount(0);

  // A note written after the round: no badge either.
  const late = await page.evaluate(() => {
    const editor = (window as unknown as { __accordEditor: { createShapes(s: object[]): void } }).__accordEditor;
    editor.createShapes([{ id: 'shape:latecomer', type: 'note', x: 0, y: 0, props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'After the vote' }] }] } } }]);
    return 'shape:latecomer';
  });
  await expect.poll(async () => (await seeded.view.shapes()).some((s) => s.id === late)).toBe(true);
  await expect(page.getByTestId(`vote-${late}`)).toHaveCount(0);
  await expect(page.locator('.vote-total')).toHaveCount(counted.length);
  await page.context().close();
});
