import { test, expect } from '@playwright/test';
import { serverPerFile } from './server.ts';
import { BoardView } from './board-page.ts';

const server = serverPerFile();

// A 2×2 red PNG.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEklEQVR4nGP4z8DwHwyhDAYGAF/+B/nDvNQKAAAAAElFTkSuQmCC';

test('a dropped image is uploaded to the server and only its URL travels through Yjs', async ({ browser }) => {
  const board = await server.createBoard('Images');
  const a = new BoardView(await (await browser.newContext()).newPage(), 'Ana');
  const b = new BoardView(await (await browser.newContext()).newPage(), 'Bo');
  await a.open(`${server.url}/b/${board.id}#t=${board.tokens.participant}`);
  await b.open(`${server.url}/b/${board.id}#t=${board.tokens.viewer}`);
  // The same path tldraw takes for a drop or a paste: external content of type "files".
  await a.page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const file = new File([bytes], 'red.png', { type: 'image/png' });
    const editor = (window as unknown as { __accordEditor: { putExternalContent(c: object): Promise<void>; getViewportPageBounds(): { center: object } } }).__accordEditor;
    await editor.putExternalContent({ type: 'files', files: [file], point: editor.getViewportPageBounds().center });
  }, PNG_BASE64);
  const src = await b.page.waitForFunction(() => {
    const editor = (window as unknown as { __accordEditor: { getAssets(): Array<{ props: { src: string | null } }> } }).__accordEditor;
    return editor.getAssets()[0]?.props.src ?? null;
  });
  const url = (await src.jsonValue()) as string;
  expect(url).toMatch(new RegExp(`^/api/boards/${board.id}/assets/[A-Za-z0-9_-]+$`));
  const res = await fetch(`${server.url}${url}`);
  expect(res.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await res.arrayBuffer()).toString('base64')).toBe(PNG_BASE64);
  await expect.poll(async () => (await b.shapes()).map((s) => s.type)).toEqual(['image']);
  await a.page.context().close();
  await b.page.context().close();
});
