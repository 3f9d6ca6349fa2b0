import { useEffect, useState } from 'react';
import { Home } from './pages/Home.tsx';
import { BoardPage } from './pages/BoardPage.tsx';
import { ErrorPage } from './pages/ErrorPage.tsx';
import { RecordPage } from './pages/RecordPage.tsx';

/** The app's routes: `/`, `/b/:id` and `/b/:id/records/:rid` (token in the fragment). Anything else is a not-found page. */
type Route = { name: 'home' } | { name: 'board'; id: string } | { name: 'record'; id: string; recordId: string } | { name: 'missing' };

function parse(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'home' };
  const board = /^\/b\/([A-Za-z0-9_-]{10,64})\/?$/.exec(pathname);
  if (board) return { name: 'board', id: board[1]! };
  const record = /^\/b\/([A-Za-z0-9_-]{10,64})\/records\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname);
  if (record) return { name: 'record', id: record[1]!, recordId: record[2]! };
  return { name: 'missing' };
}

/** Client-side navigation without a router dependency. */
export function navigate(to: string): void {
  window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function App() {
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
  const route = parse(location.path);
  if (route.name === 'home') return <Home />;
  if (route.name === 'record') return <RecordPage key={`${route.id}/${route.recordId}`} boardId={route.id} recordId={route.recordId} hash={location.hash} />;
  if (route.name === 'board') return <BoardPage key={`${route.id}${location.hash}`} boardId={route.id} hash={location.hash} />;
  return <ErrorPage kind="not-found" />;
}
