import { Suspense, lazy } from 'react';
import { Home } from './pages/Home.tsx';
import { ErrorPage } from './pages/ErrorPage.tsx';
import { parseRoute, useLocation } from './router.ts';

// The canvas (tldraw and everything around it) loads only on the pages that show one: the home
// page stays small.
const BoardPage = lazy(() => import('./pages/BoardPage.tsx').then((m) => ({ default: m.BoardPage })));
const RecordPage = lazy(() => import('./pages/RecordPage.tsx').then((m) => ({ default: m.RecordPage })));

/** Renders the page of the current route (router.ts). */
export function App() {
  const location = useLocation();
  const route = parseRoute(location.path);
  if (route.name === 'home') return <Home />;
  if (route.name === 'missing') return <ErrorPage kind="not-found" />;
  return (
    <Suspense fallback={<div className="board-loading">Opening board…</div>}>
      {route.name === 'record' ? (
        <RecordPage key={`${route.id}/${route.recordId}`} boardId={route.id} recordId={route.recordId} hash={location.hash} />
      ) : (
        <BoardPage key={`${route.id}${location.hash}`} boardId={route.id} hash={location.hash} />
      )}
    </Suspense>
  );
}
