import * as Y from 'yjs';

/** A doc holding a stored room's state (empty for null). */
export function docOf(update: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc();
  if (update) Y.applyUpdate(doc, update);
  return doc;
}
