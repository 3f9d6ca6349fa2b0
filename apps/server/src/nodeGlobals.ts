// Imported first by app.ts, before anything that loads tldraw (@accord/board, @accord/record).
// Outside vitest tldraw delivers store changes to listeners on requestAnimationFrame, which Node
// lacks (packages/board/README.md, "Node").
const g = globalThis as { requestAnimationFrame?: (cb: (time: number) => void) => unknown };
g.requestAnimationFrame ??= (cb) => setTimeout(() => cb(performance.now()), 16);

export {};
