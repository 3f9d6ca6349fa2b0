import { atom, react } from '@tldraw/state';
import {
  InstancePresenceRecordType,
  UserRecordType,
  createPresenceStateDerivation,
  createUserId,
  type TLInstancePresence,
  type TLInstancePresenceID,
  type TLStore,
} from '@tldraw/tlschema';
import type { Awareness } from 'y-protocols/awareness';
import { PRESENCE_FIELD, setUser, type PresenceUser } from './awareness.ts';

/** Options of {@link bindPresence}. */
export interface PresenceOptions {
  /** The store bound to the board (the one given to `<Tldraw store>`). */
  store: TLStore;
  /** The content room's awareness, e.g. `provider.awareness` of a y-websocket `WebsocketProvider`. */
  awareness: Awareness;
  user: PresenceUser;
  /** Our presence is published at most this often (default 50 ms). */
  throttleMs?: number;
}

/** A live presence binding. */
export interface PresenceBinding {
  /** Changes the name or colour others see. */
  setUser(user: PresenceUser): void;
  /** Stops publishing (clearing our presence for others) and removes the mirrored peers from the store. */
  dispose(): void;
}

/** The `instance_presence` record id a remote awareness client is mirrored under. */
export function presenceIdFor(clientId: number): TLInstancePresenceID {
  return InstancePresenceRecordType.createId(`awareness-${clientId}`);
}

/**
 * Presence through Yjs awareness, never through the document. Our cursor, selection, page,
 * camera and screen bounds (what "follow" needs), computed by tldraw's
 * `createPresenceStateDerivation`, go out as the awareness field `presence`; every other client's
 * state comes back into the store as an `instance_presence` record, so tldraw draws collaborator
 * cursors and `editor.startFollowingUser` works. Peers that leave (or clear their presence) are
 * removed. A peer's activity time is re-stamped with our clock, so clock skew between machines
 * cannot make tldraw hide an active cursor as inactive.
 */
export function bindPresence(opts: PresenceOptions): PresenceBinding {
  const { store, awareness } = opts;
  const throttle = opts.throttleMs ?? 50;
  const toTLUser = (u: PresenceUser) => UserRecordType.create({ id: createUserId(u.id), name: u.name, color: u.color });
  const $user = atom('accord-presence-user', toTLUser(opts.user));
  setUser(awareness, opts.user);

  // Outgoing: publish the derived presence, throttled.
  const $presence = createPresenceStateDerivation($user)(store);
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const publish = () => {
    timer = null;
    last = Date.now();
    awareness.setLocalStateField(PRESENCE_FIELD, $presence.get());
  };
  const stopReact = react('accord-presence-publish', () => {
    $presence.get();
    if (timer) return;
    // Always from a timer, never from inside this reactive effect: awareness listeners (a peer's
    // store in the same process, React state setters) must not run in the middle of a tldraw flush.
    timer = setTimeout(publish, Math.max(0, throttle - (Date.now() - last)));
  });

  // Incoming: mirror each changed peer.
  const mirrored = new Set<number>();
  const activity = new Map<number, { theirs: number | null; ours: number }>();
  const toRecord = (clientId: number, state: unknown): TLInstancePresence | null => {
    const p = (state as { presence?: unknown } | null)?.presence;
    if (!p || typeof p !== 'object') return null;
    const theirs = (p as { lastActivityTimestamp?: unknown }).lastActivityTimestamp;
    const stamp = typeof theirs === 'number' ? theirs : null;
    let seen = activity.get(clientId);
    if (!seen || seen.theirs !== stamp) {
      // A zero/absent timestamp means "not moved yet"; tldraw treats it as active, so keep it.
      seen = { theirs: stamp, ours: stamp ? Date.now() : 0 };
      activity.set(clientId, seen);
    }
    try {
      // create() fills defaults for fields an older peer does not send; validate() rejects the rest.
      const record = InstancePresenceRecordType.create({ ...(p as TLInstancePresence), id: presenceIdFor(clientId), lastActivityTimestamp: seen.ours });
      return InstancePresenceRecordType.validate(record);
    } catch {
      // A peer on another tldraw version may send fields we cannot validate: no cursor for it.
      return null;
    }
  };
  const sync = (clientIds: Iterable<number>) => {
    const puts: TLInstancePresence[] = [];
    const removes: TLInstancePresenceID[] = [];
    const states = awareness.getStates();
    for (const clientId of clientIds) {
      if (clientId === awareness.clientID) continue;
      const record = states.has(clientId) ? toRecord(clientId, states.get(clientId)) : null;
      if (record) {
        puts.push(record);
        mirrored.add(clientId);
      } else {
        activity.delete(clientId);
        if (mirrored.delete(clientId) && store.has(presenceIdFor(clientId))) removes.push(presenceIdFor(clientId));
      }
    }
    if (puts.length === 0 && removes.length === 0) return;
    store.mergeRemoteChanges(() => {
      if (removes.length) store.remove(removes);
      if (puts.length) store.put(puts);
    });
  };
  const onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => sync([...added, ...updated, ...removed]);
  awareness.on('change', onChange);
  sync(awareness.getStates().keys());

  return {
    setUser(next) {
      $user.set(toTLUser(next));
      setUser(awareness, next);
    },
    dispose() {
      stopReact();
      if (timer) clearTimeout(timer);
      awareness.off('change', onChange);
      awareness.setLocalStateField(PRESENCE_FIELD, null);
      const ids = [...mirrored].map(presenceIdFor).filter((id) => store.has(id));
      if (ids.length) store.mergeRemoteChanges(() => store.remove(ids));
      mirrored.clear();
      activity.clear();
    },
  };
}
