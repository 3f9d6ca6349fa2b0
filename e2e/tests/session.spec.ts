import { test, expect, type Browser } from '@playwright/test';
import { getTemplate } from '@accord/templates';
import { serverPerFile } from './server.ts';
import { BoardView } from './board-page.ts';

const server = serverPerFile();
const shots = process.env.ACCORD_SCREENSHOTS ? '../docs/facilitation' : null;

async function room(browser: Browser, template?: string) {
  const board = await server.createBoard('Session', template);
  const view = async (name: string, role: 'facilitator' | 'participant', color: string) => {
    const v = new BoardView(await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage(), name, color);
    await v.open(`${server.url}/b/${board.id}#t=${board.tokens[role]}`);
    return v;
  };
  const fac = await view('Fay', 'facilitator', '#1971c2');
  const p1 = await view('Pat', 'participant', '#e03131');
  const p2 = await view('Quinn', 'participant', '#2f9e44');
  return { fac, p1, p2, close: async () => Promise.all([fac, p1, p2].map((v) => v.page.context().close().catch(() => undefined))) };
}

type Cam = { x: number; y: number; z: number };
const center = (v: BoardView) =>
  v.page.evaluate(() => {
    const c = (window as unknown as { __accordEditor: { getViewportPageBounds(): { center: { x: number; y: number } } } }).__accordEditor.getViewportPageBounds().center;
    return { x: Math.round(c.x), y: Math.round(c.y) };
  });
const setCamera = (v: BoardView, cam: Cam) => v.page.evaluate((c) => (window as unknown as { __accordEditor: { setCamera(c: Cam): void } }).__accordEditor.setCamera(c), cam);
const distance = async (a: BoardView, b: BoardView) => {
  const [p, q] = await Promise.all([center(a), center(b)]);
  return Math.abs(p.x - q.x) + Math.abs(p.y - q.y);
};

test('the people panel shows who is here, their role and side, who has voted, and who has left', async ({ browser }) => {
  const { fac, p1, p2, close } = await room(browser);
  // Pat says which side they speak for; it shows for everyone and splits the tally.
  await p1.dock('People');
  await p1.page.getByLabel('My side').selectOption('em');
  await p2.dock('People');
  await p2.page.getByLabel('My side').selectOption('pm');
  await fac.dock('People');
  const row = (name: string) => fac.page.getByTestId('people-panel').getByTestId(`person-${name}`);
  await expect(row('Pat')).toContainText('participant · EM (engineering) · online');
  await expect(row('Quinn')).toContainText('participant · PM (product) · online');
  await expect(row('Fay')).toContainText('(you)');

  await p1.addNote('Ship weekly', { x: 500, y: 400 });
  await expect.poll(async () => (await fac.shapes()).length).toBe(1);
  const noteId = (await fac.shapes())[0]!.id;
  await fac.dock('Vote');
  await fac.page.getByRole('button', { name: 'Open vote' }).click();
  // Who has voted shows in the People tab while the vote runs.
  await fac.dock('People');
  await expect(row('Pat').getByTestId('person-voted')).toHaveText('not voted');
  await p1.page.getByTestId(`vote-add-${noteId}`).click();
  await expect(row('Pat').getByTestId('person-voted')).toHaveText('voted');
  await expect(row('Quinn').getByTestId('person-voted')).toHaveText('not voted');
  await p2.page.getByTestId(`vote-add-${noteId}`).click();
  await fac.dock('Vote');
  await fac.page.getByRole('button', { name: 'Reveal' }).click();
  await expect(fac.page.getByTestId('vote-split')).toHaveText('(EM 1, PM 1)');
  if (shots) await fac.page.screenshot({ path: `${shots}/revealed-vote-and-people.png` });
  await fac.dock('People');

  // Quinn leaves: still listed, no longer online.
  await p2.page.context().close();
  await expect(row('Quinn')).toHaveAttribute('data-online', 'false', { timeout: 30_000 });
  await expect(row('Quinn')).toContainText('left just now');
  await close();
});

test('“follow me” keeps participants following the facilitator until they stop, or the facilitator does', async ({ browser }) => {
  const { fac, p1, p2, close } = await room(browser);
  await fac.dock('Run');
  await fac.moveMouse({ x: 600, y: 400 });
  await fac.page.getByRole('button', { name: 'Follow me' }).click();
  for (const p of [p1, p2]) await expect(p.page.getByTestId('follow-banner')).toContainText('Following Fay');
  await setCamera(fac, { x: -4000, y: -2500, z: 1 });
  for (const p of [p1, p2]) await expect.poll(() => distance(fac, p)).toBeLessThan(60);
  await setCamera(fac, { x: 3000, y: 1500, z: 1 });
  for (const p of [p1, p2]) await expect.poll(() => distance(fac, p)).toBeLessThan(60);

  // Pat scrolls away: Pat stops following and is not pulled back; Quinn still follows.
  await p1.moveMouse({ x: 700, y: 450 });
  await p1.page.mouse.wheel(0, 600);
  await expect(p1.page.getByTestId('follow-banner')).toHaveCount(0);
  await setCamera(fac, { x: -9000, y: 200, z: 1 });
  await expect.poll(() => distance(fac, p2)).toBeLessThan(60);
  await p1.page.waitForTimeout(800);
  expect(await distance(fac, p1)).toBeGreaterThan(1000);

  // The facilitator stops leading: Quinn is released.
  await fac.page.getByRole('button', { name: 'Stop follow me' }).click();
  await expect(p2.page.getByTestId('follow-banner')).toHaveCount(0);
  await setCamera(fac, { x: 9000, y: 9000, z: 1 });
  await p2.page.waitForTimeout(800);
  expect(await distance(fac, p2)).toBeGreaterThan(1000);
  await close();
});

test('the facilitator runs the agenda step by step; participants see the current step’s goal and question', async ({ browser }) => {
  const template = getTemplate('needs-vs-positions')!;
  const { fac, p1, p2, close } = await room(browser, template.id);
  const [first, second] = template.build({ idPrefix: 'e2e' }).agenda;
  await fac.dock('Run');
  await expect(fac.page.getByTestId('agenda')).toBeVisible();
  await fac.page.getByTestId(`agenda-step-${first!.id}`).click();
  await fac.page.getByTestId(`run-step-${first!.id}`).click();
  for (const p of [p1, p2]) {
    await expect(p.page.getByTestId('current-step-title')).toHaveText(first!.title);
    await expect(p.page.getByTestId('current-step')).toContainText(first!.goal);
    await expect(p.page.getByTestId('current-step')).toContainText(first!.prompt);
    await expect(p.page.getByTestId('next-step')).toHaveCount(0);
  }
  await fac.page.getByTestId('next-step').click();
  for (const p of [p1, p2]) await expect(p.page.getByTestId('current-step-title')).toHaveText(second!.title);
  if (shots) {
    await p1.page.waitForTimeout(500);
    await p1.page.screenshot({ path: `${shots}/agenda-step-participant.png` });
  }
  await close();
});
