// tldraw schedules store work on requestAnimationFrame, which Node lacks (packages/board/README.md, "Node").
const g = globalThis as { requestAnimationFrame?: (cb: (time: number) => void) => unknown };
g.requestAnimationFrame ??= (cb) => setTimeout(() => cb(performance.now()), 16);

export {};
