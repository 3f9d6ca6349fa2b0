import { useEffect, useReducer, useRef, useState } from 'react';
import { atom, createTLStore, defaultBindingUtils, type Atom, type Editor, type TLStore } from 'tldraw';
import { bindPresence, bindStoreToYDoc, type PresenceBinding, type PresenceUser, type Role, type StoreBinding } from '@accord/board';
import type { Me } from '../lib/local.ts';
import type { BoardConnection } from './connection.ts';
import { serverAssetStore } from './assets.ts';
import { allShapeUtils } from './shapeUtils.ts';
import { isLocalOnly } from './privateWriting.ts';
import { canvasReadOnly, type WriteAccess } from './access.ts';
import { protectStructure } from './protectedStructure.ts';

/** The tldraw store of a live board, bound to its content room, with presence through awareness. */
export interface LiveStore {
  store: TLStore;
  binding: StoreBinding;
  presence: PresenceBinding;
  mode: Atom<'readonly' | 'readwrite'>;
  online: Atom<'offline' | 'online'>;
}

const presenceUser = (person: Me, role: Role): PresenceUser => ({ id: person.id, name: person.name || 'Guest', color: person.color, role, party: person.party ?? null });

/**
 * Creates the store once the connection has something to show, binds it to the content doc
 * (private notes stay local: `isLocalOnly`) and publishes presence; keeps who we are, whether we
 * may write and whether we are online up to date. `readOnly` is the canvas's read-only state
 * (`canvasReadOnly`): it also covers a board saved by a newer schema.
 */
export function useLiveStore(opts: { conn: BoardConnection | null; boardId: string; token: string; role: Role; person: Me; access: WriteAccess; editor: Editor | null }): {
  live: LiveStore | null;
  readOnly: boolean;
  newerSchema: boolean;
  /** Records from the doc that failed validation and are not shown. */
  skipped: number;
  /** When this person last tried to change template structure they may not change (ms), or null. */
  structureBlockedAt: number | null;
} {
  const { conn, boardId, token, role, person, access, editor } = opts;
  const [live, setLive] = useState<LiveStore | null>(null);
  const [skipped, setSkipped] = useState(0);
  const [, statusChanged] = useReducer((n: number) => n + 1, 0);
  const personRef = useRef(person);
  personRef.current = person;
  const canEditRef = useRef(access.canEdit);
  canEditRef.current = access.canEdit;
  const canFacilitateRef = useRef(access.canFacilitate);
  canFacilitateRef.current = access.canFacilitate;
  const [structureBlockedAt, setStructureBlockedAt] = useState<number | null>(null);

  const ready = conn?.ready ?? false;
  useEffect(() => {
    if (!conn || !ready) return;
    const readOnlyAtStart = !canEditRef.current;
    const mode = atom<'readonly' | 'readwrite'>('accord-mode', readOnlyAtStart ? 'readonly' : 'readwrite');
    const online = atom<'offline' | 'online'>('accord-online', 'online');
    const store = createTLStore({
      shapeUtils: allShapeUtils,
      bindingUtils: defaultBindingUtils,
      assets: serverAssetStore(boardId, token),
      collaboration: { mode, status: online },
    });
    const binding = bindStoreToYDoc({
      store,
      doc: conn.content,
      readOnly: readOnlyAtStart,
      // Private writing: flagged notes stay on this device until the reveal.
      isLocalOnly: isLocalOnly(store),
      onInvalidRecord: (record, error) => {
        console.warn('Skipped a board record that failed validation', record, error);
        setSkipped((n) => n + 1);
      },
      onStatusChange: statusChanged,
    });
    const presence = bindPresence({ store, awareness: conn.provider.awareness, user: presenceUser(personRef.current, role) });
    // Template frames and prompts are the facilitator's: nobody else's edit of them is even tried.
    const unprotect = protectStructure(store, () => canFacilitateRef.current, () => setStructureBlockedAt(Date.now()));
    setLive({ store, binding, presence, mode, online });
    return () => {
      unprotect();
      presence.dispose();
      binding.dispose();
      setLive(null);
    };
  }, [conn, ready, boardId, role, token]);

  // Name or colour changes reach the others at once.
  useEffect(() => {
    live?.presence.setUser(presenceUser(person, role));
  }, [live, person, role]);

  const newerSchema = live?.binding.status.reason === 'newer-schema';
  const readOnly = canvasReadOnly(access, newerSchema);
  useEffect(() => {
    // The binding stops writing too, so nothing the server would refuse is ever sent.
    live?.binding.setReadOnly(!access.canEdit);
    live?.mode.set(readOnly ? 'readonly' : 'readwrite');
    editor?.updateInstanceState({ isReadonly: readOnly });
  }, [live, editor, readOnly, access.canEdit]);

  const state = conn?.state;
  useEffect(() => {
    live?.online.set(state === 'live' ? 'online' : 'offline');
  }, [live, state]);

  return { live, readOnly, newerSchema, skipped, structureBlockedAt };
}
