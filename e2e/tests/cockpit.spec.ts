import { mkdirSync } from 'node:fs';
import { test, expect, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';
import { serverPerFile } from './server.ts';
import { joinAs, openDockTab, type BoardView } from './board-page.ts';

/**
 * The cockpit (issue "cockpit"): the board's tools in one dock beside the canvas (a sheet on a
 * phone). Nothing covers anything else, every control can be reached, three people run a step, say
 * they are done, vote — one of them on a phone — and Escape closes what it opened.
 */
const server = serverPerFile();
const shots = process.env.ACCORD_SCREENSHOTS ? '../docs/screenshots' : null;
if (shots) mkdirSync(shots, { recursive: true });

const DESKTOP: BrowserContextOptions = { viewport: { width: 1400, height: 900 } };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const FACILITATOR_TABS = ['Run', 'Vote', 'Writing', 'People', 'Decisions', 'History'];

type Box = { name: string; x: number; y: number; w: number; h: number };
const overlap = (a: Box, b: Box) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 1 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 1;

/** Pairs of boxes that overlap, by name — so a failure says what covers what. */
function overlaps(boxes: Box[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) if (overlap(boxes[i]!, boxes[j]!)) found.push(`${boxes[i]!.name} × ${boxes[j]!.name}`);
  return found;
}

/** The boxes of the top bar, the dock and each notice; and of each item in the top bar. */
function layout(page: Page): Promise<{ panels: Box[]; bar: Box[] }> {
  return page.evaluate(() => {
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && cs.display !== 'none' && cs.visibility !== 'hidden';
    };
    const box = (name: string, el: Element) => {
      const r = el.getBoundingClientRect();
      return { name, x: r.left, y: r.top, w: r.width, h: r.height };
    };
    const panels = [
      ...['topbar', 'dock'].flatMap((id) => Array.from(document.querySelectorAll(`[data-testid="${id}"]`)).filter(shown).map((el) => box(id, el))),
      ...Array.from(document.querySelectorAll('[data-testid="notices"] > *')).filter(shown).map((el, i) => box(`notice ${el.getAttribute('data-testid') ?? i}`, el)),
    ];
    const bar = Array.from(document.querySelectorAll('[data-testid="topbar"] > *'))
      .filter(shown)
      // The ⋯ menu, when open, drops below the bar.
      .filter((el) => !el.classList.contains('open'))
      .map((el, i) => box(el.getAttribute('data-testid') ?? `${el.className || el.tagName} ${i}`, el));
    return { panels, bar };
  });
}

/**
 * Every shown control of `scope` can be reached: scrolled into view (the dock's panel scrolls), it
 * lies inside the viewport and nothing covers its middle — a tap there lands on it.
 */
async function expectReachable(page: Page, scope: Locator, what: string): Promise<number> {
  const vp = page.viewportSize()!;
  const controls = scope.locator('button:visible, input:visible, select:visible, textarea:visible, a[href]:visible');
  const n = await controls.count();
  for (let i = 0; i < n; i++) {
    const c = controls.nth(i);
    await c.scrollIntoViewIfNeeded();
    const b = (await c.boundingBox())!;
    const name = `${what}: ${(await c.getAttribute('aria-label')) ?? (await c.textContent())?.trim().slice(0, 30) ?? (await c.getAttribute('data-testid'))}`;
    expect(b, name).toBeTruthy();
    expect(b.x >= -0.5 && b.y >= -0.5 && b.x + b.width <= vp.width + 0.5 && b.y + b.height <= vp.height + 0.5, `${name} at ${JSON.stringify(b)} inside ${vp.width}×${vp.height}`).toBe(true);
    const hit = await c.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return !!at && (at === el || el.contains(at) || (at instanceof HTMLLabelElement && at.control === el));
    });
    expect(hit, `${name} is not covered`).toBe(true);
  }
  return n;
}

async function expectNothingOverlaps(page: Page, what: string): Promise<void> {
  const { panels, bar } = await layout(page);
  expect(panels.some((p) => p.name === 'topbar'), `${what}: the top bar shows`).toBe(true);
  expect(overlaps(panels), `${what}: panels, notices and top bar`).toEqual([]);
  expect(overlaps(bar), `${what}: items of the top bar`).toEqual([]);
  const vp = page.viewportSize()!;
  for (const b of bar) expect(b.x >= -0.5 && b.x + b.w <= vp.width + 0.5, `${what}: ${b.name} inside the top bar`).toBe(true);
}

/** The frames of an agenda step, read from the board's agenda (the document's meta). */
const stepFrames = (v: BoardView, stepId: string) =>
  v.page.evaluate((id) => {
    const editor = (window as unknown as { __accordEditor: { getDocumentSettings(): { meta: { accordAgenda?: Array<{ steps: Array<{ id: string; areaIds: string[] }> }> } } } }).__accordEditor;
    return editor.getDocumentSettings().meta.accordAgenda?.[0]?.steps.find((s) => s.id === id)?.areaIds ?? [];
  }, stepId);

/** Whether this person's camera shows every one of these frames whole. */
const cameraContains = (v: BoardView, ids: string[]) =>
  v.page.evaluate((frameIds) => {
    const editor = (window as unknown as { __accordEditor: { getViewportPageBounds(): { minX: number; minY: number; maxX: number; maxY: number }; getShapePageBounds(id: string): { minX: number; minY: number; maxX: number; maxY: number } | undefined } }).__accordEditor;
    const vp = editor.getViewportPageBounds();
    return frameIds.length > 0 && frameIds.every((id) => {
      const b = editor.getShapePageBounds(id);
      return !!b && b.minX >= vp.minX - 1 && b.minY >= vp.minY - 1 && b.maxX <= vp.maxX + 1 && b.maxY <= vp.maxY + 1;
    });
  }, ids);

/** The first step of the board's first agenda. */
const firstStep = (v: BoardView) =>
  v.page.evaluate(() => {
    const editor = (window as unknown as { __accordEditor: { getDocumentSettings(): { meta: { accordAgenda?: Array<{ steps: Array<{ id: string; title: string }> }> } } } }).__accordEditor;
    return editor.getDocumentSettings().meta.accordAgenda?.[0]?.steps[0] ?? null;
  });

const frameCount = async (v: BoardView) => (await v.frames()).length;

for (const [label, options] of [
  ['1400×900', DESKTOP],
  ['390×844 phone', PHONE],
] as const) {
  test(`at ${label} every dock tab opens with nothing covering anything else, and each of its controls can be reached`, async ({ browser }) => {
    const board = await server.createBoard('Checkout rewrite: EM/PM alignment', 'needs-vs-positions');
    const fac = await joinAs(browser, `${server.url}/b/${board.id}#t=${board.tokens.facilitator}`, 'Fay', { color: '#1971c2', context: options });
    await expect.poll(() => frameCount(fac)).toBeGreaterThan(4);
    const page = fac.page;
    const step = (await firstStep(fac))!;

    // A running timer in the bar, a step being run, the board locked (a pill in the bar).
    const run = await openDockTab(page, 'Run');
    await run.getByRole('button', { name: '10 min', exact: true }).click();
    await expect(page.getByTestId('timer')).toBeVisible();
    await page.getByTestId(`agenda-step-${step.id}`).click();
    await page.getByTestId(`run-step-${step.id}`).click();
    await expect(page.getByTestId('current-step-title')).toHaveText(step.title);
    await expect(page.getByTestId('done-count')).toContainText('No participants here yet');
    if (shots) {
      await page.waitForTimeout(600);
      await page.screenshot({ path: `${shots}/cockpit-facilitator-${options.viewport!.width}.png` });
    }
    await run.getByRole('button', { name: 'Lock board' }).click();
    await expect(page.getByTestId('locked-pill')).toBeVisible();
    // A notice over the canvas: a private-writing round.
    await openDockTab(page, 'Writing');
    await page.getByRole('button', { name: 'Start private writing' }).click();
    await expect(page.getByTestId('private-banner')).toBeVisible();

    let reached = 0;
    for (const tab of FACILITATOR_TABS) {
      const dock = await openDockTab(page, tab);
      // Each tab shows its own content before it is measured.
      if (tab === 'People') await expect(page.getByTestId('people-panel')).toBeVisible();
      if (tab === 'Decisions') await expect(page.getByTestId('decision-log')).toBeVisible();
      await page.waitForTimeout(300);
      await expectNothingOverlaps(page, `${label} ${tab}`);
      reached += await expectReachable(page, dock, `${label} ${tab}`);
    }
    // The tabs and the controls of Run (timer, room, delete), Vote, Writing... at least.
    expect(reached).toBeGreaterThan(30);

    // The top bar's actions: in the bar on a wide screen, in the ⋯ menu on a phone — reachable either way.
    const actions = page.getByTestId('topbar-actions');
    if (options.isMobile) {
      await expect(actions).toBeHidden();
      await page.getByTestId('topbar-more').click();
      await expect(actions).toBeVisible();
      await expectReachable(page, actions, `${label} ⋯ menu`);
      await page.keyboard.press('Escape');
      await expect(actions).toBeHidden();
    } else {
      await expectReachable(page, page.getByTestId('topbar'), `${label} top bar`);
    }
    await page.context().close();
  });
}

test('three people run a step, say they are done and vote — one on a phone — from the dock; Escape closes what it opened', async ({ browser }) => {
  const board = await server.createBoard('Checkout rewrite: EM/PM alignment', 'needs-vs-positions');
  const link = (role: 'facilitator' | 'participant') => `${server.url}/b/${board.id}#t=${board.tokens[role]}`;
  const fac = await joinAs(browser, link('facilitator'), 'Fay', { color: '#1971c2', context: DESKTOP });
  await expect.poll(() => frameCount(fac)).toBeGreaterThan(4);
  const pat = await joinAs(browser, link('participant'), 'Pat', { color: '#e03131', context: DESKTOP });
  const quinn = await joinAs(browser, link('participant'), 'Quinn', { color: '#2f9e44', context: PHONE });
  await expect.poll(() => frameCount(quinn)).toBeGreaterThan(4);
  // A phone starts with the canvas: the dock is collapsed.
  await expect(quinn.page.getByTestId('dock')).toHaveCount(0);

  // The facilitator runs the first step: both participants' cameras move to show its frames.
  const step = (await firstStep(fac))!;
  const frames = await stepFrames(fac, step.id);
  expect(frames.length).toBeGreaterThan(0);
  // Both have looked elsewhere first.
  for (const p of [pat, quinn]) {
    await p.page.evaluate(() => (window as unknown as { __accordEditor: { setCamera(c: object): void } }).__accordEditor.setCamera({ x: 6000, y: 4000, z: 1 }));
    expect(await cameraContains(p, frames)).toBe(false);
  }
  await openDockTab(fac.page, 'Run');
  await fac.page.getByTestId(`agenda-step-${step.id}`).click();
  await fac.page.getByTestId(`run-step-${step.id}`).click();
  for (const p of [pat, quinn]) await expect.poll(() => cameraContains(p, frames)).toBe(true);
  await expect(fac.page.getByTestId('done-count')).toContainText('0 of 2 done');

  // Both say they are done — the phone from its sheet — and the facilitator's dock counts them.
  await openDockTab(pat.page, 'Now');
  await expect(pat.page.getByTestId('current-step-title')).toHaveText(step.title);
  await pat.page.getByTestId('im-done').click();
  await expect(fac.page.getByTestId('done-count')).toContainText('1 of 2 done');
  const toggle = quinn.page.getByTestId('dock-toggle');
  await toggle.tap();
  await expect(quinn.page.getByTestId('dock')).toBeVisible();
  await expect(quinn.page.getByTestId('current-step-title')).toHaveText(step.title);
  // The sheet took the lower part of the screen from the canvas: once tldraw has the new size, the
  // step is fitted again above the sheet.
  await expect
    .poll(() =>
      quinn.page.evaluate(() => {
        const editor = (window as unknown as { __accordEditor: { getViewportScreenBounds(): { h: number }; getContainer(): HTMLElement } }).__accordEditor;
        return Math.abs(editor.getViewportScreenBounds().h - editor.getContainer().getBoundingClientRect().height) < 1;
      }),
    )
    .toBe(true);
  await expect.poll(() => cameraContains(quinn, frames)).toBe(true);
  await quinn.page.getByTestId('im-done').tap();
  await expect(quinn.page.getByTestId('im-done')).toHaveAttribute('aria-pressed', 'true');
  await expect(fac.page.getByTestId('done-count')).toContainText('2 of 2 done');
  // Escape closes the sheet and gives the focus back to the button that opened it.
  await quinn.page.getByTestId('im-done').focus();
  await quinn.page.keyboard.press('Escape');
  await expect(quinn.page.getByTestId('dock')).toHaveCount(0);
  await expect(toggle).toBeFocused();

  // The phone participant writes a note inside the step's first frame.
  const inFrame = await quinn.screenCenter(frames[0]!);
  await quinn.addNote('Ship the thin slice first', { x: inFrame.x, y: inFrame.y });
  await expect.poll(async () => (await fac.shapes()).filter((s) => s.type === 'note').map((s) => s.text)).toEqual(['Ship the thin slice first']);
  const note = (await quinn.shapes()).find((s) => s.text === 'Ship the thin slice first')!;

  // A vote: both participants put a dot on it, the phone by a tap; the facilitator reveals and sees the result in the dock.
  const voteTab = await openDockTab(fac.page, 'Vote');
  await voteTab.getByRole('button', { name: 'Open vote' }).click();
  await expect(fac.page.getByTestId('vote-progress')).toHaveText(/^0 people have voted/);
  await pat.page.getByTestId(`vote-add-${note.id}`).click();
  await quinn.page.getByTestId(`vote-add-${note.id}`).tap();
  await expect(fac.page.getByTestId('vote-progress')).toHaveText(/^2 people have voted/);
  await openDockTab(quinn.page, 'Now');
  await expect(quinn.page.getByTestId('votes-left')).toHaveText('2 of 3 votes left');
  await voteTab.getByRole('button', { name: 'Reveal' }).click();
  const ranking = fac.page.getByTestId('dock').getByTestId('vote-ranking').locator('li');
  await expect(ranking).toHaveCount(1);
  await expect(ranking.first()).toContainText('2 Ship the thin slice first');
  await expect(quinn.page.getByTestId('vote-ranking')).toContainText('2 Ship the thin slice first');
  await expect(quinn.page.getByTestId(`vote-total-${note.id}`)).toHaveText('2');
  if (shots) {
    await fac.page.waitForTimeout(400);
    await fac.page.screenshot({ path: `${shots}/cockpit-vote-results-1400.png` });
    // The sheet took the lower part of the screen: back to the step, above it.
    await quinn.page.getByTestId('back-to-step').tap();
    await quinn.page.waitForTimeout(600);
    await quinn.page.screenshot({ path: `${shots}/cockpit-participant-phone-390.png` });
  }
  await expectNothingOverlaps(quinn.page, 'phone participant, vote revealed');
  await expectReachable(quinn.page, quinn.page.getByTestId('dock'), 'phone participant Now');

  // Escape on the dock (focus in a tab) collapses it; the dock button gets the focus; opening it
  // with that button puts the focus in the dock, so Escape works at once.
  const facToggle = fac.page.getByTestId('dock-toggle');
  await fac.page.getByTestId('dock').getByRole('tab', { name: /^Vote/ }).focus();
  await fac.page.keyboard.press('Escape');
  await expect(fac.page.getByTestId('dock')).toHaveCount(0);
  await expect(facToggle).toBeFocused();
  await facToggle.click();
  await expect(fac.page.getByTestId('dock').getByRole('tab', { name: /^Vote/ })).toBeFocused();
  await fac.page.keyboard.press('Escape');
  await expect(fac.page.getByTestId('dock')).toHaveCount(0);
  await expect(facToggle).toBeFocused();

  // The share and template dialogs: Escape closes them, the focus returns to the button that opened them.
  for (const [button, dialog] of [
    ['Share', 'Share board'],
    ['Templates', 'Insert a template'],
  ] as const) {
    const opener = fac.page.getByTestId('topbar').getByRole('button', { name: button, exact: true });
    await opener.click();
    await expect(fac.page.getByRole('dialog', { name: dialog })).toBeVisible();
    await fac.page.keyboard.press('Escape');
    await expect(fac.page.getByRole('dialog', { name: dialog })).toHaveCount(0);
    await expect(opener).toBeFocused();
  }
  // A reset question in the share dialog takes the first Escape; the second closes the dialog.
  await fac.page.getByTestId('topbar').getByRole('button', { name: 'Share', exact: true }).click();
  await fac.page.getByRole('button', { name: 'Reset the viewer link' }).click();
  await expect(fac.page.getByRole('alertdialog', { name: 'Reset the viewer link?' })).toBeVisible();
  await fac.page.keyboard.press('Escape');
  await expect(fac.page.getByRole('alertdialog', { name: 'Reset the viewer link?' })).toHaveCount(0);
  await expect(fac.page.getByRole('dialog', { name: 'Share board' })).toBeVisible();
  await fac.page.keyboard.press('Escape');
  await expect(fac.page.getByRole('dialog', { name: 'Share board' })).toHaveCount(0);

  // On the phone Share sits in the ⋯ menu: Escape closes the dialog and the focus lands on ⋯.
  const more = quinn.page.getByTestId('topbar-more');
  await more.tap();
  await quinn.page.getByTestId('topbar-actions').getByRole('button', { name: 'Share', exact: true }).tap();
  await expect(quinn.page.getByRole('dialog', { name: 'Share board' })).toBeVisible();
  await quinn.page.keyboard.press('Escape');
  await expect(quinn.page.getByRole('dialog', { name: 'Share board' })).toHaveCount(0);
  await expect(more).toBeFocused();
  await Promise.all([fac, pat, quinn].map((v) => v.page.context().close()));
});
