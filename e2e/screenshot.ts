/**
 * Takes the README's picture: two people on one board, each seeing the other's cursor.
 * Usage: start Accord (`pnpm start`), then `node e2e/screenshot.ts [baseUrl] [out.png]`.
 * The cockpit pictures (docs/screenshots/: the facilitator's Run tab at 1400×900 and 390×844, a
 * participant on a phone, the vote results) come from the cockpit spec:
 * `cd e2e && ACCORD_SCREENSHOTS=1 npx playwright test tests/cockpit.spec.ts`.
 */
import { chromium } from '@playwright/test';
import { BoardView } from './tests/board-page.ts';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const out = process.argv[3] ?? new URL('../docs/screenshot-board.png', import.meta.url).pathname;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const res = await fetch(`${base}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Checkout rewrite: EM/PM alignment' }) });
const board = (await res.json()) as { id: string; tokens: Record<string, string> };
const view = async (name: string, color: string) => new BoardView(await (await browser.newContext({ viewport: { width: 1280, height: 760 } })).newPage(), name, color);
const a = await view('Priya (EM)', '#e03131');
const b = await view('Marco (PM)', '#2f9e44');
const c = await view('Dana (GM)', '#9c36b5');
await a.open(`${base}/b/${board.id}#t=${board.tokens.facilitator}`);
await b.open(`${base}/b/${board.id}#t=${board.tokens.participant}`);
await a.addNote('Engineers need work that stretches them', { x: 380, y: 330 });
await b.addNote('Customer needs value by Q2', { x: 640, y: 330 });
await a.addNote('Stage 1: thin slice for the customer', { x: 380, y: 560 });
await b.addNote('Stage 2: the platform work that scales it', { x: 640, y: 560 });
await a.moveMouse({ x: 520, y: 250 });
await b.moveMouse({ x: 860, y: 470 });
await a.moveMouse({ x: 540, y: 262 });
await c.open(`${base}/b/${board.id}#t=${board.tokens.viewer}`);
await a.moveMouse({ x: 520, y: 250 });
await b.moveMouse({ x: 860, y: 480 });
await c.page.waitForTimeout(1000);
await c.page.screenshot({ path: out });
await browser.close();
console.log(`wrote ${out}`);
