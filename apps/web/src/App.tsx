import { Home } from './pages/Home.tsx';
import { BoardPage } from './pages/BoardPage.tsx';
import { ErrorPage } from './pages/ErrorPage.tsx';
import { RecordPage } from './pages/RecordPage.tsx';
import { parseRoute, useLocation } from './router.ts';

/** Renders the page of the current route (router.ts). */
export function App() {
  const location = useLocation();
  const route = parseRoute(location.path);
  if (route.name === 'home') return <Home />;
  if (route.name === 'record') return <RecordPage key={`${route.id}/${route.recordId}`} boardId={route.id} recordId={route.recordId} hash={location.hash} />;
  if (route.name === 'board') return <BoardPage key={`${route.id}${location.hash}`} boardId={route.id} hash={location.hash} />;
  return <ErrorPage kind="not-found" />;
}
