import type { ChainHead } from '../lib/api.ts';

/**
 * The newest signed chain head this browser has seen per board. Sending it back to the verify
 * route is what catches records cut from the end of a chain (a fresh signature proves nothing).
 */
const key = (boardId: string) => `accord.recordHead.${boardId}`;

export function keptHead(boardId: string): ChainHead | null {
  try {
    const h = JSON.parse(localStorage.getItem(key(boardId)) ?? 'null') as ChainHead | null;
    return h && Number.isInteger(h.seq) && typeof h.hash === 'string' && typeof h.signature === 'string' ? h : null;
  } catch {
    return null;
  }
}

export function keepHead(boardId: string, head: ChainHead | null): void {
  const prev = keptHead(boardId);
  if (head && (!prev || head.seq >= prev.seq)) localStorage.setItem(key(boardId), JSON.stringify(head));
}
