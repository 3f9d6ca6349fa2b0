import { useEffect, useState } from 'react';
import { rememberBoard } from './lib/local.ts';

/**
 * The app's routes, without a router dependency: `/`, `/b/:id` and `/b/:id/records/:rid`, each
 * with the access token in the fragment (`#t=…`, never sent to the server). Anything else is a
 * not-found page. App.tsx renders a route; pages link and navigate through the builders here.
 */
export type Route = { name: 'home' } | { name: 'board'; id: string } | { name: 'record'; id: string; recordId: string } | { name: 'missing' };

const BOARD_ID = '[A-Za-z0-9_-]{10,64}';
const RECORD_ID = '[A-Za-z0-9_-]{1,64}';
const BOARD = new RegExp(`^/b/(${BOARD_ID})/?$`);
const RECORD = new RegExp(`^/b/(${BOARD_ID})/records/(${RECORD_ID})/?$`);

/** The route a pathname names. */
export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'home' };
  const board = BOARD.exec(pathname);
  if (board) return { name: 'board', id: board[1]! };
  const record = RECORD.exec(pathname);
  if (record) return { name: 'record', id: record[1]!, recordId: record[2]! };
  return { name: 'missing' };
}

/** Where a board opens with a token: `/b/:id#t=<token>`. */
export const boardHref = (boardId: string, token: string): string => `/b/${boardId}#t=${token}`;

/** Where a decision record opens: its page, with the board's token in the fragment. */
export const recordHref = (boardId: string, recordId: string, token: string): string => `/b/${boardId}/records/${encodeURIComponent(recordId)}#t=${token}`;

/** Client-side navigation: pushes the address and tells the app (as the back button would). */
export function navigate(to: string): void {
  window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The current path and fragment, re-read on navigation, back/forward and fragment changes. */
export function useLocation(): { path: string; hash: string } {
  const [location, setLocation] = useState(() => ({ path: window.location.pathname, hash: window.location.hash }));
  useEffect(() => {
    const onChange = () => setLocation({ path: window.location.pathname, hash: window.location.hash });
    window.addEventListener('popstate', onChange);
    window.addEventListener('hashchange', onChange);
    return () => {
      window.removeEventListener('popstate', onChange);
      window.removeEventListener('hashchange', onChange);
    };
  }, []);
  return location;
}

/** Opens a board this browser has just made (created, imported, restored, copied): remembered as its facilitator's, then shown. */
export function openNewBoard(board: { id: string; title: string; tokens: { facilitator: string } }): void {
  rememberBoard({ id: board.id, title: board.title, role: 'facilitator', token: board.tokens.facilitator, lastOpened: Date.now() });
  navigate(boardHref(board.id, board.tokens.facilitator));
}
