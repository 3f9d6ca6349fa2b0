import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { getSessionMap, readSession, type FacilitationSession } from '@accord/board';

/**
 * The facilitation session, read once per change with `readSession` (the map is input from other
 * clients, so every field is validated); null until the doc is there. The value keeps its identity
 * between changes.
 */
export function useSession(doc: Y.Doc | null): FacilitationSession | null {
  const [session, setSession] = useState<{ doc: Y.Doc; value: FacilitationSession } | null>(null);
  useEffect(() => {
    if (!doc) return;
    const map = getSessionMap(doc);
    const update = () => setSession({ doc, value: readSession(doc) });
    update();
    map.observe(update);
    return () => map.unobserve(update);
  }, [doc]);
  return session && session.doc === doc ? session.value : null;
}
