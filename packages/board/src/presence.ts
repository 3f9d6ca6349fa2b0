import { InstancePresenceRecordType, UserRecordType, atom, createPresenceStateDerivation, createUserId, react, type TLInstancePresence, type TLStore } from 'tldraw';
import type { Awareness } from 'y-protocols/awareness';

/** The person behind a cursor, as others see them. */
export interface PresenceUser {
  /** Stable per browser (not per tab). */
  id: string;
  name: string;
  color: string;
  /** Their role on the board, for the people list. */
  role?: string;
}

export interface PresenceBinding {
  /** Change the name or colour others see. */
  setUser(user: PresenceUser): void;
  dispose(): void;
}

export interface PresenceOptions {
  store: TLStore;
  awareness: Awareness;
  user: PresenceUser;
  /** Cursor updates are sent at most this often (default 50 ms). */
  throttleMs?: number;
}

/** The presence record id a remote awareness client is mirrored under. */
export const presenceIdFor = (clientId: number) => InstancePresenceRecordType.createId(`awareness-${clientId}`);

/**
 * Presence through Yjs awareness, never through the document: our cursor, selection, camera
 * and name go out as the awareness field `presence` (tldraw's own presence derivation), and every
 * other client's state comes back as an `instance_presence` record, so tldraw draws collaborator
 * cursors and "follow" works.
 */
export function bindPresence(opts: PresenceOptions): PresenceBinding {
  const { store, awareness } = opts;
  const throttle = opts.throttleMs ?? 50;
  const toTLUser = (u: PresenceUser) => UserRecordType.create({ id: createUserId(u.id), name: u.name, color: u.color });
  const $user = atom('accord-user', toTLUser(opts.user));
  let user = opts.user;
  awareness.setLocalStateField('user', user);

  const $presence = createPresenceStateDerivation($user)(store);
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const publish = () => {
    timer = null;
    last = Date.now();
    awareness.setLocalStateField('presence', $presence.get());
  };
  const stopReact = react('accord-presence', () => {
    $presence.get();
    if (timer) return;
    const wait = Math.max(0, throttle - (Date.now() - last));
    timer = setTimeout(publish, wait);
  });

  const mirrored = new Set<number>();
  const sync = () => {
    const puts: TLInstancePresence[] = [];
    const seen = new Set<number>();
    awareness.getStates().forEach((state, clientId) => {
      if (clientId === awareness.clientID) return;
      const p = (state as { presence?: TLInstancePresence | null }).presence;
      if (!p || typeof p !== 'object') return;
      seen.add(clientId);
      try {
        puts.push(InstancePresenceRecordType.create({ ...p, id: presenceIdFor(clientId) }));
      } catch {
        // A peer on another tldraw version may send fields we cannot validate; skip its cursor.
      }
    });
    const removes = [...mirrored].filter((id) => !seen.has(id));
    store.mergeRemoteChanges(() => {
      const gone = removes.map(presenceIdFor).filter((id) => store.has(id));
      if (gone.length) store.remove(gone);
      if (puts.length) store.put(puts);
    });
    for (const id of removes) mirrored.delete(id);
    for (const id of seen) mirrored.add(id);
  };
  awareness.on('change', sync);
  sync();

  return {
    setUser(next) {
      user = next;
      $user.set(toTLUser(next));
      awareness.setLocalStateField('user', user);
    },
    dispose() {
      stopReact();
      if (timer) clearTimeout(timer);
      awareness.off('change', sync);
      const ids = [...mirrored].map(presenceIdFor).filter((id) => store.has(id));
      if (ids.length) store.mergeRemoteChanges(() => store.remove(ids));
      mirrored.clear();
    },
  };
}
