/**
 * Canvas figures in headless Chromium against a real Accord server:
 * 1. bytes per second a client sends on the board websocket while dragging one shape for 2 s;
 * 2. time from navigation until a board of 2,000 notes is fully rendered (all shapes in the
 *    editor and two animation frames painted).
 *
 *   node bench/canvas.bench.ts     (builds nothing: run `pnpm --filter @accord/web build` first)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createShapeId, createTLStore, defaultBindingUtils, defaultShapeUtils, toRichText, getIndices, TLDOCUMENT_ID, DocumentRecordType, PageRecordType } from 'tldraw';
import { bindStoreToYDoc, createShapeRecord } from '@accord/board';

const PORT = 19_480;
const base = `http://127.0.0.1:${PORT}`;
const dir = mkdtempSync(join(tmpdir(), 'accord-canvas-bench-'));
const cli = fileURLToPath(new URL('../apps/server/src/cli.ts', import.meta.url));
const server = spawn(process.execPath, [cli], { env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', ACCORD_DATA_DIR: dir, LOG_LEVEL: 'warn' }, stdio: 'ignore' });
for (let i = 0; i < 200; i++) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    await new Promise((r) => setTimeout(r, 50));
  }
}
const createBoard = async (title: string) => (await (await fetch(`${base}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }) })).json()) as { id: string; tokens: Record<string, string> };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const newPage = async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await ctx.addInitScript(() => localStorage.setItem('accord.me.v1', JSON.stringify({ id: crypto.randomUUID(), name: 'Bench', color: '#1971c2' })));
  return ctx.newPage();
};
const waitEditor = (page: import('@playwright/test').Page) => page.waitForFunction(() => !!(window as unknown as { __accordEditor?: unknown }).__accordEditor, null, { timeout: 60_000 });

// 1. Dragging one shape for 2 s.
{
  const board = await createBoard('drag');
  const page = await newPage();
  let bytes = 0;
  let counting = false;
  page.on('websocket', (ws) => {
    if (!ws.url().includes(`/sync/${board.id}?`)) return;
    ws.on('framesent', (f) => {
      if (counting) bytes += typeof f.payload === 'string' ? Buffer.byteLength(f.payload) : f.payload.length;
    });
  });
  await page.goto(`${base}/b/${board.id}#t=${board.tokens.facilitator}`);
  await waitEditor(page);
  const canvas = page.locator('.tl-canvas');
  await canvas.click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('n');
  await canvas.click({ position: { x: 400, y: 300 } });
  await page.keyboard.type('drag me');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.keyboard.press('v');
  await page.waitForTimeout(500);
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 400, box.y + 300);
  await page.mouse.down();
  counting = true;
  const t0 = Date.now();
  let i = 0;
  while (Date.now() - t0 < 2000) {
    i++;
    await page.mouse.move(box.x + 400 + 150 * Math.sin(i / 10), box.y + 300 + 100 * Math.cos(i / 10));
    await page.waitForTimeout(8);
  }
  const seconds = (Date.now() - t0) / 1000;
  await page.mouse.up();
  await page.waitForTimeout(300);
  counting = false;
  console.log(`drag: ${i} pointer moves in ${seconds.toFixed(2)} s; client sent ${bytes} bytes on the board socket = ${(bytes / seconds).toFixed(0)} B/s (awareness + document updates)`);
  await page.context().close();
}

// 2. A board of 2,000 notes, written by a Node client through the same binding the browser uses.
{
  // tldraw's store throttles listeners with requestAnimationFrame, which Node lacks.
  globalThis.requestAnimationFrame ??= ((cb: FrameRequestCallback) => setTimeout(() => cb(performance.now()), 16) as unknown as number);
  globalThis.cancelAnimationFrame ??= ((id: number) => clearTimeout(id));
  const board = await createBoard('2000 notes');
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${PORT}/sync`, board.id, doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, params: { token: board.tokens.facilitator }, disableBc: true });
  await new Promise<void>((r) => provider.once('sync', () => r()));
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
  store.put([DocumentRecordType.create({ id: TLDOCUMENT_ID }), PageRecordType.create({ id: PageRecordType.createId('page'), name: 'Page 1', index: 'a1' as never })]);
  const binding = bindStoreToYDoc({ store, doc });
  const indices = getIndices(2000);
  const notes = Array.from({ length: 2000 }, (_, n) =>
    createShapeRecord({ id: createShapeId(`n${n}`), type: 'note', x: (n % 50) * 220, y: Math.floor(n / 50) * 220, index: indices[n]!, props: { richText: toRichText(`note ${n}`) } }),
  );
  store.put(notes);
  binding.flush();
  await new Promise((r) => setTimeout(r, 1500));
  provider.destroy();

  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const page = await newPage();
    const t0 = Date.now();
    await page.goto(`${base}/b/${board.id}#t=${board.tokens.viewer}`);
    await page.waitForFunction(
      () => {
        const editor = (window as unknown as { __accordEditor?: { getCurrentPageShapeIds(): Set<string> } }).__accordEditor;
        return !!editor && editor.getCurrentPageShapeIds().size === 2000;
      },
      null,
      { timeout: 120_000, polling: 'raf' },
    );
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    runs.push(Date.now() - t0);
    await page.context().close();
  }
  runs.sort((a, b) => a - b);
  console.log(`2,000 notes: navigation → all shapes in the editor and painted: ${runs.join(', ')} ms (median ${runs[1]} ms)`);
}

await browser.close();
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
rmSync(dir, { recursive: true, force: true });
process.exit(0);
