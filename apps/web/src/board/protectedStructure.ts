import type { TLRecord, TLStore } from 'tldraw';
import { isTemplateStructure } from '@accord/board';

/**
 * Keeps template structure — frames, prompts, titles, connector arrows and their bindings — as it
 * is for whoever may not change it (everyone but facilitators), the same rule the server enforces
 * (`isTemplateStructure` of `@accord/board`), so a participant's select-all-and-delete removes
 * notes and drawings but never the workshop's frame, and nothing they do is refused by the server.
 * `onBlocked` is told when a change was held back, to say why. Returns the unregister function.
 */
export function protectStructure(store: TLStore, mayChange: () => boolean, onBlocked: () => void): () => void {
  const current = (id: string) => store.get(id as TLRecord['id']);
  const guarded = (record: TLRecord, source: 'user' | 'remote') => source === 'user' && !mayChange() && isTemplateStructure(record, current);
  const stops = [
    store.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) => {
      if (!guarded(prev, source)) return next;
      onBlocked();
      return prev;
    }),
    store.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) => {
      if (!guarded(shape, source)) return;
      onBlocked();
      return false;
    }),
    store.sideEffects.registerBeforeChangeHandler('binding', (prev, next, source) => (guarded(prev, source) ? prev : next)),
    store.sideEffects.registerBeforeDeleteHandler('binding', (binding, source) => (guarded(binding, source) ? false : undefined)),
    // New template structure comes only from the facilitator's template insertion.
    store.sideEffects.registerBeforeCreateHandler('shape', (shape, source) => {
      if (!guarded(shape, source)) return shape;
      onBlocked();
      const { accord: _structure, ...meta } = shape.meta as Record<string, unknown>;
      return { ...shape, meta } as typeof shape;
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
