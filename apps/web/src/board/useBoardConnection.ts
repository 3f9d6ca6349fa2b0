import { useEffect, useReducer, useState } from 'react';
import { BoardConnection } from './connection.ts';
import { fullBoards } from '../lib/local.ts';

/**
 * The board's two rooms, for as long as the component shows this board. The component re-renders
 * whenever the connection changes (state, sync, a refused write). When the server refuses a write,
 * the local copy is dropped and the page rejoins from the server's state; when the board is full,
 * it rejoins read-only.
 */
export function useBoardConnection(boardId: string, token: string): BoardConnection | null {
  const [conn, setConn] = useState<BoardConnection | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const c = new BoardConnection(boardId, token);
    setConn(c);
    const unsubscribe = c.subscribe(rerender);
    return () => {
      unsubscribe();
      c.destroy();
    };
  }, [boardId, token]);

  const refused = conn?.refused ?? null;
  const full = conn?.full ?? null;
  useEffect(() => {
    if (!conn || (!refused && !full)) return;
    // A full board takes no more writes: it reopens read-only (for this tab's session) from the server's copy.
    if (full) fullBoards.add(boardId);
    const timer = setTimeout(() => void conn.discardLocalCopy().then(() => window.location.reload()), 2500);
    return () => clearTimeout(timer);
  }, [conn, refused, full, boardId]);
  return conn;
}
