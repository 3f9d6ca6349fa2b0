import { test, expect } from '@playwright/test';
import { templates } from '@accord/templates';
import { serverPerFile } from './server.ts';
import { BoardView } from './board-page.ts';

const server = serverPerFile();

async function insert(view: BoardView, id: string) {
  await view.page.getByRole('button', { name: 'Templates' }).click();
  await view.page.getByTestId(`template-${id}`).click();
  await view.page.getByRole('button', { name: /^Insert / }).click();
}

const frames = (view: BoardView) =>
  view.page.evaluate(() => {
    const editor = (window as unknown as { __accordEditor: { getCurrentPageShapes(): Array<{ id: string; type: string; meta: { accord?: { template?: string; kind?: string; party?: string } }; props: { name?: string } }> } }).__accordEditor;
    return editor.getCurrentPageShapes().filter((s) => s.type === 'frame').map((s) => ({ id: s.id, name: s.props.name ?? '', accord: s.meta.accord ?? {} }));
  });

for (const template of templates) {
  test(`inserts ${template.id} with its frames`, async ({ browser }, info) => {
    const board = await server.createBoard(template.title);
    const view = new BoardView(await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage(), 'Fay');
    await view.open(`${server.url}/b/${board.id}#t=${board.tokens.facilitator}`);
    await insert(view, template.id);
    const expected = template.build({ idPrefix: 'count' }).shapes.filter((s) => s.type === 'frame').length;
    await expect.poll(async () => (await frames(view)).length).toBe(expected);
    // The workshop's sections keep the ids of the templates they come from.
    const ids = templates.map((t) => t.id as string);
    for (const f of await frames(view)) expect(template.id === 'partnership-workshop' ? ids : [template.id]).toContain(f.accord.template);
    await expect(view.page.locator('.tl-frame-heading').first()).toBeVisible();
    await view.page.waitForTimeout(500);
    await view.page.screenshot({ path: info.outputPath(`${template.id}.png`) });
    await view.page.context().close();
  });
}

test('a note dropped into one party’s needs area is found by its frame’s meta, and the agenda zooms to each step', async ({ browser }) => {
  const board = await server.createBoard('Needs');
  const view = new BoardView(await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage(), 'Fay');
  await view.open(`${server.url}/b/${board.id}#t=${board.tokens.facilitator}`);
  await insert(view, 'needs-vs-positions');
  await expect(view.page.getByTestId('agenda')).toBeVisible();
  const needFrame = (await frames(view)).find((f) => f.accord.kind === 'need' && f.accord.party === 'pm')!;
  expect(needFrame).toBeTruthy();
  // Zoom to the frame and drop a note in its middle, as a person would.
  await view.page.evaluate((id) => {
    const editor = (window as unknown as { __accordEditor: { zoomToBounds(b: object, o?: object): void; getShapePageBounds(id: string): object } }).__accordEditor;
    editor.zoomToBounds(editor.getShapePageBounds(id), { inset: 40 });
  }, needFrame.id);
  const center = await view.screenCenter(needFrame.id);
  await view.addNote('Prove value to the customer by Q2', center);
  await expect
    .poll(() =>
      view.page.evaluate(() => {
        const editor = (window as unknown as { __accordEditor: { getCurrentPageShapes(): Array<{ type: string; parentId: string }>; getShape(id: string): { meta: { accord?: { kind?: string; party?: string } } } | undefined } }).__accordEditor;
        const note = editor.getCurrentPageShapes().find((s) => s.type === 'note');
        const parent = note ? editor.getShape(note.parentId) : undefined;
        return parent?.meta.accord ? `${parent.meta.accord.party}:${parent.meta.accord.kind}` : null;
      }),
    )
    .toBe('pm:need');

  const steps = await view.page.evaluate(() => {
    const editor = (window as unknown as { __accordEditor: { getDocumentSettings(): { meta: { accordAgenda?: Array<{ steps: Array<{ id: string; areaIds: string[] }> }> } } } }).__accordEditor;
    return editor.getDocumentSettings().meta.accordAgenda![0]!.steps;
  });
  expect(steps.length).toBeGreaterThan(0);
  for (const step of steps) {
    await view.page.getByTestId(`agenda-step-${step.id}`).click();
    await view.page.waitForTimeout(450);
    // Every frame of the step is inside the viewport after the zoom.
    const inside = await view.page.evaluate((ids) => {
      const editor = (window as unknown as { __accordEditor: { getViewportPageBounds(): { contains(b: object): boolean }; getShapePageBounds(id: string): object } }).__accordEditor;
      return ids.every((id) => editor.getViewportPageBounds().contains(editor.getShapePageBounds(id)));
    }, step.areaIds);
    expect(inside, `step ${step.id} in view`).toBe(true);
  }
  await view.page.context().close();
});

