import { useEffect, useState } from 'react';
import { Home } from './pages/Home.tsx';
import { BoardPage } from './pages/BoardPage.tsx';
import { ErrorPage } from './pages/ErrorPage.tsx';

/** The app's routes: `/`, `/b/:id` (token in the fragment). Anything else is a not-found page. */
type Route = { name: 'home' } | { name: 'board'; id: string } | { name: 'missing' };

function parse(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'home' };
  const board = /^\/b\/([A-Za-z0-9_-]{10,64})\/?$/.exec(pathname);
  if (board) return { name: 'board', id: board[1]! };
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
  if (route.name === 'board') return <BoardPage key={`${route.id}${location.hash}`} boardId={route.id} hash={location.hash} />;
  return <ErrorPage kind="not-found" />;
}
