import {
  InstancePresenceRecordType,
  UserRecordType,
  atom,
  createPresenceStateDerivation,
  createUserId,
  react,
  type TLInstancePresence,
  type TLInstancePresenceID,
  type TLStore,
} from 'tldraw';
import type { Awareness } from 'y-protocols/awareness';

/** The person behind a cursor, as others see them. Published as the awareness field `user`. */
export interface PresenceUser {
  /** Stable per person/browser (not per tab). tldraw's user id is `user:<id>`; give the editor the same id. */
  id: string;
  name: string;
  /** A CSS colour, e.g. `#e03131`. */
  color: string;
  /** Their role on the board, for people lists. */
  role?: string;
  /** Their side of the trifecta ('em' | 'pm' | 'business'), when they gave one. */
  party?: string | null;
}

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

/** The awareness field holding a client's tldraw presence state. */
export const PRESENCE_FIELD = 'presence';
/** The awareness field holding a client's {@link PresenceUser}. */
export const USER_FIELD = 'user';

/** The `instance_presence` record id a remote awareness client is mirrored under. */
export function presenceIdFor(clientId: number): TLInstancePresenceID {
  return InstancePresenceRecordType.createId(`awareness-${clientId}`);
}

/**
 * Publishes who we are as the awareness field `user`, for people lists (also on rooms without a
 * canvas, such as the facilitation room).
 */
export function setUser(awareness: Awareness, user: PresenceUser): void {
  awareness.setLocalStateField(USER_FIELD, { ...user });
}

/**
 * The users of every client in an awareness (ours included), by client id; clients that have not
 * published a well-formed `user` are left out.
 */
export function getUsers(awareness: Awareness): Map<number, PresenceUser> {
  const users = new Map<number, PresenceUser>();
  awareness.getStates().forEach((state, clientId) => {
    const u = (state as { user?: unknown }).user as Partial<PresenceUser> | undefined;
    if (!u || typeof u !== 'object' || typeof u.id !== 'string' || !u.id) return;
    users.set(clientId, {
      id: u.id,
      name: typeof u.name === 'string' ? u.name : '',
      color: typeof u.color === 'string' ? u.color : '#888888',
      ...(typeof u.role === 'string' ? { role: u.role } : {}),
    });
  });
  return users;
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
