import { test, expect, type Browser } from '@playwright/test';
import { serverPerFile } from './server.ts';
import { BoardView } from './board-page.ts';

const server = serverPerFile();

async function room(browser: Browser) {
  const board = await server.createBoard('Vote');
  const view = async (name: string, role: 'facilitator' | 'participant') => {
    const v = new BoardView(await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage(), name);
    await v.open(`${server.url}/b/${board.id}#t=${board.tokens[role]}`);
    return v;
  };
  return { fac: await view('Fay', 'facilitator'), p1: await view('Pat', 'participant'), p2: await view('Quinn', 'participant') };
}

test('a dot vote: limited dots, hidden until reveal, a ranked tally split by role, results kept on close', async ({ browser }) => {
  const { fac, p1, p2 } = await room(browser);
  await fac.addNote('Stage the rollout', { x: 400, y: 300 });
  await fac.addNote('Rewrite first', { x: 750, y: 300 });
  await expect.poll(async () => (await p2.shapes()).length).toBe(2);
  const ids = Object.fromEntries((await fac.shapes()).map((s) => [s.text, s.id]));
  const stage = ids['Stage the rollout']!;
  const rewrite = ids['Rewrite first']!;

  await fac.dock('Vote');
  await fac.page.getByLabel('Votes per person').fill('2');
  await fac.page.getByRole('button', { name: 'Open vote' }).click();

  await expect(p1.page.getByTestId('votes-left')).toHaveText('2 of 2 votes left');
  await p1.page.getByTestId(`vote-add-${stage}`).click();
  await p1.page.getByTestId(`vote-add-${stage}`).click();
  await p1.page.getByTestId(`vote-add-${rewrite}`).click(); // no dots left: refused, and said so
  await expect(p1.page.getByTestId('vote-message')).toHaveText('You have used all your dots.');
  await expect(p1.page.getByTestId('votes-left')).toHaveText('0 of 2 votes left');
  await p2.page.getByTestId(`vote-add-${rewrite}`).click();
  await expect(p2.page.getByTestId('votes-left')).toHaveText('1 of 2 votes left');

  // Others' dots stay hidden until the reveal.
  await expect(p2.page.locator('.vote-total')).toHaveCount(0);
  await fac.page.getByRole('button', { name: 'Reveal' }).click();
  for (const v of [fac, p1, p2]) {
    await expect(v.page.getByTestId(`vote-total-${stage}`)).toHaveText('2');
    await expect(v.page.getByTestId(`vote-total-${rewrite}`)).toHaveText('1');
  }
  const ranking = p2.page.getByTestId('vote-ranking').locator('li');
  await expect(ranking.first()).toContainText('2 Stage the rollout');
  await expect(ranking.first()).toContainText('participant 2');

  await fac.page.getByRole('button', { name: 'Close vote' }).click();
  await expect(p1.page.getByTestId('vote-summary')).toContainText('Vote closed');
  await expect
    .poll(() =>
      p2.page.evaluate((id) => {
        const editor = (window as unknown as { __accordEditor: { getShape(id: string): { meta: { accordVotes?: { total: number } } } } }).__accordEditor;
        return editor.getShape(id).meta.accordVotes?.total ?? null;
      }, stage),
    )
    .toBe(2);
  for (const v of [fac, p1, p2]) await v.page.context().close();
});
