/**
 * A filled board on a real server, for screenshots and benches (not a spec): a board from a
 * template, `notes` sticky notes spread over its answer frames (written through the facilitator's
 * own editor, so they sync as a person's would), optionally a closed dot vote, and a decision record.
 */
import { expect, type Browser, type Page } from '@playwright/test';
import { BoardView } from './tests/board-page.ts';
import type { AccordServer, Tokens } from './tests/server.ts';

const PHRASES = [
  'Customers need value before the renewal',
  'Engineers want work that stretches them',
  'Harden token refresh',
  'Prove growth before the funding review',
  'Keep the on-call load sane',
  'Rebuild the session store',
  'Ship SSO for Acme behind a flag',
  'Measure the activation funnel weekly',
];

export interface SeededBoard {
  board: { id: string; tokens: Tokens };
  view: BoardView;
  page: Page;
  /** Ids of the notes written. */
  notes: string[];
}

/** Opens a board made from `template` as its facilitator and writes `notes` notes into its frames; resolves once the server stores them. */
export async function seedBoard(browser: Browser, server: AccordServer, opts: { title: string; template: string; notes: number; viewport?: { width: number; height: number } }): Promise<SeededBoard> {
  const board = await server.createBoard(opts.title, opts.template);
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1400, height: 900 }, acceptDownloads: true });
  const view = new BoardView(await context.newPage(), 'Fay');
  await view.open(`${server.url}/b/${board.id}#t=${board.tokens.facilitator}`);
  // The template is laid out by the first facilitator to open the board.
  await expect.poll(async () => (await view.shapes()).filter((s) => s.type === 'frame').length, { timeout: 30_000 }).toBeGreaterThan(2);
  const notes = await view.page.evaluate(
    ({ count, phrases }) => {
      type Shape = { id: string; type: string; parentId: string; props: { w: number; h: number }; meta: { accord?: { kind?: string; area?: string; stage?: number } } };
      const editor = (window as unknown as { __accordEditor: { getCurrentPageShapes(): Shape[]; createShapes(s: object[]): void; createShapeId?: never } }).__accordEditor;
      const shapes = editor.getCurrentPageShapes();
      const frames = shapes.filter((s) => s.type === 'frame' && s.meta.accord?.area && s.meta.accord.kind !== 'section' && !shapes.some((c) => c.type === 'frame' && c.parentId === s.id));
      if (!frames.length) throw new Error('the template has no answer frames');
      const per = Math.ceil(count / frames.length);
      const created: object[] = [];
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const frame = frames[i % frames.length]!;
        const k = Math.floor(i / frames.length);
        const { w, h } = frame.props;
        const cols = Math.max(1, Math.ceil(Math.sqrt((per * w) / h)));
        const rows = Math.ceil(per / cols);
        const cell = Math.min((w - 20) / cols, (h - 70) / rows);
        const scale = Math.min(1, (cell - 10) / 200);
        const id = `shape:seed${i.toString(36).padStart(4, '0')}`;
        const owner = frame.meta.accord?.kind === 'stage' ? ` @priya 2027-0${1 + (i % 9)}-15` : '';
        const text = `${phrases[i % phrases.length]} (${i + 1})${owner}`;
        ids.push(id);
        created.push({
          id,
          type: 'note',
          parentId: frame.id,
          x: 10 + (k % cols) * cell,
          y: 60 + Math.floor(k / cols) * cell,
          props: { scale, richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } },
        });
      }
      editor.createShapes(created);
      return ids;
    },
    { count: opts.notes, phrases: PHRASES },
  );
  // Stored once the server's copy of the board holds the last note (Yjs keeps text as UTF-8).
  const last = `(${opts.notes})`;
  await expect
    .poll(async () => {
      const res = await fetch(`${server.url}/api/boards/${board.id}/state`, { headers: { authorization: `Bearer ${board.tokens.facilitator}` } });
      return Buffer.from(await res.arrayBuffer()).includes(Buffer.from(last));
    }, { timeout: 30_000 })
    .toBe(true);
  return { board, view, page: view.page, notes };
}

const personKey = (n: number) => Buffer.alloc(32, n + 1).toString('base64url');

/** A closed, revealed dot vote: `voters` participants put their dots on the first notes. */
export async function closedVote(server: AccordServer, board: { id: string; tokens: Tokens }, notes: readonly string[], voters = 4): Promise<void> {
  const call = async (path: string, token: string, person: number, body?: object) => {
    const res = await fetch(`${server.url}/api/boards/${board.id}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-accord-person': personKey(person), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ id: string }>;
  };
  const round = await call('/votes', board.tokens.facilitator, 0, { votesPerPerson: 3, perNoteLimit: null, anonymous: false, frameId: null });
  for (let p = 1; p <= voters; p++) for (let d = 0; d < 3; d++) await call(`/votes/${round.id}/ballot`, board.tokens.participant, p, { shapeId: notes[(p + d * 2) % Math.min(notes.length, 6)], delta: 1 });
  await call(`/votes/${round.id}/reveal`, board.tokens.facilitator, 0);
  await call(`/votes/${round.id}/close`, board.tokens.facilitator, 0);
}

/** Records a decision on the board through the API; answers the record's id. */
export async function recordDecision(server: AccordServer, board: { id: string; tokens: Tokens }, title: string, reviewDate: string | null = null): Promise<string> {
  const res = await fetch(`${server.url}/api/boards/${board.id}/records`, {
    method: 'POST',
    headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title, decision: 'We ship SSO for Acme behind a flag first, then rebuild the session store after the renewal.', owner: 'Priya and Marco', reviewDate }),
  });
  if (res.status !== 201) throw new Error(`record: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}
