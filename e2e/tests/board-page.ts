import { expect, type Browser, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';

/** A dock tab's accessible name starts with its label (a badge such as " ●" may follow). */
const tabName = (label: string) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);

/**
 * Opens the board's dock (the tools sidebar; a sheet on a phone) on one tab, as a person does: the
 * top bar's dock button when the dock is collapsed, then the tab. Returns the dock.
 */
export async function openDockTab(page: Page, label: string): Promise<Locator> {
  const dock = page.getByTestId('dock');
  if (!(await dock.isVisible())) await page.getByTestId('dock-toggle').click();
  await expect(dock).toBeVisible();
  const tab = dock.getByRole('tab', { name: tabName(label) });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  return dock;
}

/** A person's view of a board: the page object the multiplayer tests drive. */
export class BoardView {
  readonly page: Page;
  readonly name: string;
  readonly color: string;
  constructor(page: Page, name: string, color = '#1971c2') {
    this.page = page;
    this.name = name;
    this.color = color;
  }

  /** Opens a share link, answers the name prompt and waits until the board is live. */
  async open(url: string): Promise<void> {
    await this.page.addInitScript(([name, color]) => {
      if (!localStorage.getItem('accord.me.v1')) localStorage.setItem('accord.me.v1', JSON.stringify({ id: crypto.randomUUID(), name, color }));
    }, [this.name, this.color]);
    await this.page.goto(url);
    await this.waitLive();
  }

  /** Opens the dock on a tab (see `openDockTab`). */
  dock(label: string): Promise<Locator> {
    return openDockTab(this.page, label);
  }

  async waitLive(): Promise<void> {
    await expect(this.page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    await this.page.waitForFunction(() => !!(window as unknown as { __accordEditor?: unknown }).__accordEditor);
  }

  /** Shapes on the current page, as plain data (id, type, x, y, text of notes). */
  async shapes(): Promise<Array<{ id: string; type: string; x: number; y: number; text: string; parentId: string }>> {
    return this.page.evaluate(() => {
      const editor = (window as unknown as { __accordEditor: { getCurrentPageShapes(): Array<{ id: string; type: string; x: number; y: number; parentId: string; props: { richText?: unknown } }> } }).__accordEditor;
      const text = (rt: unknown): string => {
        if (!rt || typeof rt !== 'object') return '';
        const node = rt as { text?: string; content?: unknown[] };
        return (node.text ?? '') + (node.content ?? []).map(text).join('');
      };
      return editor.getCurrentPageShapes().map((s) => ({ id: s.id, type: s.type, x: Math.round(s.x), y: Math.round(s.y), text: text(s.props.richText), parentId: s.parentId }));
    });
  }

  /** Frames on the current page, with what a template marked them as (kind, party, stage in meta.accord). */
  async frames(): Promise<Array<{ id: string; kind?: string; party?: string; stage?: number }>> {
    return this.page.evaluate(() => {
      const editor = (window as unknown as { __accordEditor: { getCurrentPageShapes(): Array<{ id: string; type: string; meta: { accord?: { kind?: string; party?: string; stage?: number } } }> } }).__accordEditor;
      return editor
        .getCurrentPageShapes()
        .filter((s) => s.type === 'frame')
        .map((s) => ({ id: s.id, kind: s.meta.accord?.kind, party: s.meta.accord?.party, stage: s.meta.accord?.stage }));
    });
  }

  private canvas() {
    return this.page.locator('.tl-canvas');
  }

  /** Creates a sticky note the way a person does: the note tool, a click, typing, Escape. */
  async addNote(text: string, at: { x: number; y: number }): Promise<void> {
    await this.canvas().click({ position: { x: 5, y: 300 } });
    await this.page.keyboard.press('n');
    await this.canvas().click({ position: at });
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Escape');
  }

  /** Draws a rectangle by dragging with the rectangle tool. */
  async drawRectangle(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
    const box = (await this.canvas().boundingBox())!;
    await this.page.keyboard.press('r');
    await this.page.mouse.move(box.x + from.x, box.y + from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + (from.x + to.x) / 2, box.y + (from.y + to.y) / 2, { steps: 5 });
    await this.page.mouse.move(box.x + to.x, box.y + to.y, { steps: 5 });
    await this.page.mouse.up();
    await this.page.keyboard.press('Escape');
  }

  /** Drags from one screen point to another with the select tool. */
  async drag(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
    const box = (await this.canvas().boundingBox())!;
    await this.page.keyboard.press('v');
    await this.page.mouse.move(box.x + from.x, box.y + from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + (from.x + to.x) / 2, box.y + (from.y + to.y) / 2, { steps: 8 });
    await this.page.mouse.move(box.x + to.x, box.y + to.y, { steps: 8 });
    await this.page.mouse.up();
  }

  async moveMouse(at: { x: number; y: number }): Promise<void> {
    const box = (await this.canvas().boundingBox())!;
    await this.page.mouse.move(box.x + at.x, box.y + at.y, { steps: 4 });
  }

  /** Screen position of a shape's centre. */
  async screenCenter(id: string): Promise<{ x: number; y: number }> {
    return this.page.evaluate((shapeId) => {
      const editor = (window as unknown as { __accordEditor: { getShapePageBounds(id: string): { center: { x: number; y: number } }; pageToViewport(p: { x: number; y: number }): { x: number; y: number } } }).__accordEditor;
      const c = editor.getShapePageBounds(shapeId).center;
      return editor.pageToViewport(c);
    }, id);
  }
}

/** Zooms to a frame and drops a note in its middle, as a person would. */
export async function noteInFrame(v: BoardView, frame: { id: string }, text: string): Promise<void> {
  await v.page.evaluate((id) => {
    const editor = (window as unknown as { __accordEditor: { zoomToBounds(b: object, o?: object): void; getShapePageBounds(id: string): object } }).__accordEditor;
    editor.zoomToBounds(editor.getShapePageBounds(id), { inset: 60 });
  }, frame.id);
  const c = await v.screenCenter(frame.id);
  await v.addNote(text, { x: c.x, y: c.y + 40 });
}

/** How a person joins: their side of the trifecta, their colour, and the browser context (viewport, touch…). */
export interface JoinOptions {
  party?: 'em' | 'pm';
  /** Cursor colour; #e03131 unless given. */
  color?: string;
  /** Laid over the default context: 1400×900, downloads allowed. */
  context?: BrowserContextOptions;
}

/** Opens a board link in a new browser context as a person with a name (and a side of the trifecta, a colour). */
export async function joinAs(browser: Browser, url: string, name: string, { party, color = '#e03131', context }: JoinOptions = {}): Promise<BoardView> {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true, ...context })).newPage();
  const v = new BoardView(page, name, color);
  await v.page.addInitScript(([n, c, p]) => {
    if (!localStorage.getItem('accord.me.v1')) localStorage.setItem('accord.me.v1', JSON.stringify({ id: crypto.randomUUID(), name: n, color: c, party: p ?? null }));
  }, [name, color, party] as const);
  await v.open(url);
  return v;
}
