import { test, expect, type Browser } from '@playwright/test';
import { getTemplate } from '@accord/templates';
import { serverPerFile } from './server.ts';
import { joinAs, type BoardView } from './board-page.ts';

// A board's history, in three browsers: a facilitator and two participants on a board made from
// the needs-vs-positions template. A participant's select-all-and-delete cannot take the template
// with it, and what it does take, the facilitator brings back for everyone — and can take back.

const server = serverPerFile();
// Three browsers and a template each time: give them room on a busy machine.
test.slow();
const template = getTemplate('needs-vs-positions')!;
const templateFrames = template.build({ idPrefix: 'count' }).shapes.filter((s) => s.type === 'frame').length;

async function workshop(browser: Browser) {
  const board = await server.createBoard('Growth team: needs and positions', template.id);
  const view = (name: string, role: 'facilitator' | 'participant', color: string) => joinAs(browser, `${server.url}/b/${board.id}#t=${board.tokens[role]}`, name, { color });
  const fay = await view('Fay', 'facilitator', '#1971c2');
  const pat = await view('Pat', 'participant', '#e03131');
  const quinn = await view('Quinn', 'participant', '#2f9e44');
  const everyone = [fay, pat, quinn];
  // The template goes in when the facilitator first opens the board; everyone gets its frames.
  for (const v of everyone) await expect.poll(() => frames(v)).toBe(templateFrames);
  return { fay, pat, quinn, everyone, close: async () => Promise.all(everyone.map((v) => v.page.context().close().catch(() => undefined))) };
}

/** Frames on every page of the board, as one browser has it. */
const frames = (v: BoardView) =>
  v.page.evaluate(() => {
    const editor = (window as unknown as { __accordEditor: { getPages(): Array<{ id: string }>; getPageShapeIds(id: string): Set<string>; getShape(id: string): { type: string } | undefined } }).__accordEditor;
    return editor.getPages().reduce((n, page) => n + [...editor.getPageShapeIds(page.id)].filter((id) => editor.getShape(id)?.type === 'frame').length, 0);
  });

/** The texts of the notes on the board, sorted. */
const notes = async (v: BoardView) => (await v.shapes()).filter((s) => s.type === 'note').map((s) => s.text).sort();

/** Select everything on the page and delete it, as a person does with the keyboard. */
async function selectAllAndDelete(v: BoardView) {
  await v.page.locator('.tl-canvas').click({ position: { x: 5, y: 300 } });
  await v.page.keyboard.press('v');
  await v.page.keyboard.press('Control+a');
  await v.page.keyboard.press('Delete');
}

test("a participant's select-all and delete removes notes but leaves the template's frames, on every page and for everyone", async ({ browser }) => {
  const { pat, quinn, everyone, close } = await workshop(browser);
  await pat.addNote('Ship weekly behind a flag', { x: 300, y: 700 });
  await quinn.addNote('A stable quarter for the platform team', { x: 700, y: 700 });
  for (const v of everyone) await expect.poll(() => notes(v)).toEqual(['A stable quarter for the platform team', 'Ship weekly behind a flag']);
  await selectAllAndDelete(pat);
  for (const v of everyone) await expect.poll(() => notes(v)).toEqual([]);
  for (const v of everyone) expect(await frames(v)).toBe(templateFrames);
  // Nothing was refused or reloaded: the frames were never deleted, not even in Pat's own browser.
  await pat.page.waitForTimeout(500);
  expect(await frames(pat)).toBe(templateFrames);
  await close();
});

test('a participant wipes their notes; the facilitator previews the version before and restores it for all three browsers, then undoes the restore', async ({ browser }, info) => {
  const { fay, pat, everyone, close } = await workshop(browser);
  await pat.addNote('Fewer meetings', { x: 300, y: 700 });
  await pat.addNote('Pair on reviews', { x: 700, y: 700 });
  const written = ['Fewer meetings', 'Pair on reviews'];
  for (const v of everyone) await expect.poll(() => notes(v)).toEqual(written);
  await selectAllAndDelete(pat);
  for (const v of everyone) await expect.poll(() => notes(v)).toEqual([]);

  // The timeline: the wipe is the newest step, Pat's writing the one before it.
  await fay.dock('History');
  const panel = fay.page.getByTestId('history-panel');
  const steps = panel.getByTestId('history-list').locator('li');
  await expect(steps.first()).toContainText(/Pat · \d+ changes?, 2 deleted/);
  const before = steps.nth(1);
  await expect(before).toContainText(/\d\d:\d\d · Pat · \d+ changes?$/);

  // Preview: the board as it was, read-only, over the live one.
  await before.getByRole('button').click();
  const preview = fay.page.getByTestId('version-preview');
  await expect(preview).toBeVisible();
  await expect
    .poll(() =>
      fay.page.evaluate(() => {
        const editor = (window as unknown as { __accordPreviewEditor?: { getCurrentPageShapes(): Array<{ type: string }>; getInstanceState(): { isReadonly: boolean } } }).__accordPreviewEditor;
        return editor ? { notes: editor.getCurrentPageShapes().filter((s) => s.type === 'note').length, readonly: editor.getInstanceState().isReadonly } : null;
      }),
    )
    .toEqual({ notes: 2, readonly: true });
  // The live board did not change by previewing.
  expect(await notes(fay)).toEqual([]);
  await fay.page.screenshot({ path: info.outputPath('preview.png') });

  // Restore, after saying yes once more: every browser shows the notes again.
  await preview.getByTestId('restore-version').click();
  await preview.getByTestId('confirm-restore').click();
  for (const v of everyone) await expect.poll(() => notes(v)).toEqual(written);
  await expect(preview).toHaveCount(0);
  await expect(panel.getByTestId('restore-notice')).toContainText('Restored the version of');
  await expect(steps.first()).toHaveAttribute('data-kind', 'restore');
  await expect(steps.first()).toContainText(/Fay · restored the version of \d\d:\d\d/);
  for (const v of everyone) expect(await frames(v)).toBe(templateFrames);

  // Undo the restore: the wipe is back for everyone, and that too is in the timeline.
  await panel.getByTestId('undo-restore').click();
  for (const v of everyone) await expect.poll(() => notes(v)).toEqual([]);
  await expect(panel.getByTestId('restore-notice')).toContainText('The restore was undone');
  await expect(steps.first()).toHaveAttribute('data-kind', 'restore');
  for (const v of everyone) expect(await frames(v)).toBe(templateFrames);
  await close();
});

test('only the facilitator has the history', async ({ browser }) => {
  const { fay, pat, close } = await workshop(browser);
  await expect(fay.page.getByTestId('dock-tab-history')).toBeVisible();
  // Pat's dock is open, with its tabs; History is not among them.
  await expect(pat.page.getByTestId('dock')).toBeVisible();
  await expect(pat.page.getByTestId('dock-tab-history')).toHaveCount(0);
  await close();
});
