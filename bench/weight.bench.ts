/**
 * Page weight: the gzipped JavaScript the home page loads at first paint, against what the board
 * and record routes load on top of it (tldraw comes in lazily, with the route's chunk). Read from
 * the web app's production build: `dist/index.html` names the entry and its preloads; each chunk's
 * static imports (`from"./x.js"`) are followed, and a route's lazy chunk is found by the
 * `import("./BoardPage-….js")` the entry makes.
 * Gzip at zlib's default level (6), as a server compresses on the fly.
 * Run: pnpm --filter @accord/web build && node bench/weight.bench.ts
 * Exits 1 when the home page's JavaScript is over its budget (250 kB gzipped).
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const HOME_BUDGET_KB = 250;
const dist = fileURLToPath(new URL('../apps/web/dist/', import.meta.url));
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`No build at ${dist}: run \`pnpm --filter @accord/web build\` first.`);
  process.exit(2);
}
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const read = (asset: string) => readFileSync(join(dist, 'assets', asset));
/** Asset file names an HTML attribute or import names, relative to `assets/`. */
const names = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]!);

/** A chunk and everything it imports statically, transitively. */
function closure(roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = read(file).toString('utf8');
    for (const dep of names(code, /(?:from|import)\s*"\.\/([^"]+\.js)"/g)) visit(dep);
  };
  roots.forEach(visit);
  return seen;
}

const kb = (n: number) => n / 1000;
const gz = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + gzipSync(read(f)).length, 0);
const raw = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + read(f).length, 0);

const entry = names(html, /<script[^>]+src="\/assets\/([^"]+\.js)"/g);
const preloads = names(html, /<link rel="modulepreload"[^>]+href="\/assets\/([^"]+\.js)"/g);
const css = names(html, /<link rel="stylesheet"[^>]+href="\/assets\/([^"]+\.css)"/g);
if (entry.length !== 1) throw new Error(`expected one entry script in dist/index.html, found ${entry.length}`);
const home = closure([...entry, ...preloads]);
const entryCode = read(entry[0]!).toString('utf8');
/** The lazy chunk of a route page, e.g. `BoardPage`, as the entry imports it. */
const lazyChunk = (page: string) => {
  const found = names(entryCode, new RegExp(`import\\(\`\\./(${page}-[^\`]+\\.js)\``, 'g'));
  if (found.length !== 1) throw new Error(`the entry chunk does not import ${page} lazily (found ${found.length})`);
  return found[0]!;
};
const route = (page: string) => {
  const all = closure([...home, lazyChunk(page)]);
  return { extra: [...all].filter((f) => !home.has(f)), all };
};

const rows: Array<[string, Set<string> | string[]]> = [['home (first paint)', home]];
const board = route('BoardPage');
const record = route('RecordPage');
const line = (label: string, files: Set<string> | string[]) =>
  `${label.padEnd(30)} ${String([...files].length).padStart(2)} chunks  ${kb(raw(files)).toFixed(1).padStart(8)} kB raw  ${kb(gz(files)).toFixed(1).padStart(7)} kB gzip`;
console.log(line(...rows[0]!));
console.log(line('board route, added lazily', board.extra));
console.log(line('board route, total', board.all));
console.log(line('record route, total', record.all));
// The editor's own class name marks its code (@tldraw/utils and @tldraw/validate, small, may be shared).
const hasEditor = (files: Iterable<string>) => [...files].some((f) => read(f).includes('tl-container'));
if (!hasEditor(board.extra)) throw new Error('no tldraw editor code found in the board route: the check below would prove nothing');
console.log(`home CSS: ${kb(gz(css)).toFixed(1)} kB gzip; the tldraw editor in the home page's JS: ${hasEditor(home) ? 'YES' : 'no'}`);
const homeKb = kb(gz(home));
console.log(`home JS ${homeKb.toFixed(1)} kB gzip against a budget of ${HOME_BUDGET_KB} kB: ${homeKb <= HOME_BUDGET_KB ? 'within' : 'OVER'}`);
process.exit(homeKb <= HOME_BUDGET_KB ? 0 : 1);
