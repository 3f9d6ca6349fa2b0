import type { Awareness } from 'y-protocols/awareness';
import { isRole, type Role } from './access.ts';
import { isParty, type Party } from './people.ts';
import { rec, str } from './values.ts';
import type { FacilitationSession } from './session.ts';

// The fields Accord publishes in Yjs awareness (content room), and the one reader of a peer's
// state: awareness is input from other clients, so every field is read defensively.

/** The awareness field holding a client's tldraw presence state. */
export const PRESENCE_FIELD = 'presence';
/** The awareness field holding a client's {@link PresenceUser}. */
const USER_FIELD = 'user';
/** The awareness field holding `{ round, count }`: how many private notes a person holds. */
const PRIVATE_FIELD = 'accordPrivate';
/** The awareness field holding the activity a person has said "I'm done" with (see `currentActivity`), or null. */
const DONE_FIELD = 'accordDone';

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

/** Someone connected, as their awareness state says. */
export interface Peer {
  clientId: number;
  userId: string;
  name: string;
  color: string;
  role: Role | null;
  party: Party | null;
  /** Private-writing round they count notes for, and how many they hold. */
  privateRound: string | null;
  privateNotes: number;
  /** The activity they said they are done with (`currentActivity`), or null. */
  done: string | null;
}

/** Publishes who we are as the awareness field `user` (also on rooms without a canvas). */
export function setUser(awareness: Awareness, user: PresenceUser): void {
  awareness.setLocalStateField(USER_FIELD, { ...user });
}

/** Says we are done with `activity` (a `currentActivity` key), or takes it back (null). */
export function setDone(awareness: Awareness, activity: string | null): void {
  awareness.setLocalStateField(DONE_FIELD, activity);
}

/**
 * What the room is doing now, the thing people say "I'm done" with: an open vote, else a running
 * private-writing round, else the agenda step being run; null when none. A key per activity, so a
 * "done" for one step does not count for the next.
 */
export function currentActivity(session: FacilitationSession): string | null {
  if (session.voting?.open) return `vote:${session.voting.id}`;
  if (session.privateWriting?.active && !session.privateWriting.revealed) return `write:${session.privateWriting.id}`;
  if (session.agendaStep) return `step:${session.agendaStep}`;
  return null;
}

/** Publishes how many private notes we hold in `round` (none outside a round). */
export function setPrivateCount(awareness: Awareness, round: string | null, count: number): void {
  awareness.setLocalStateField(PRIVATE_FIELD, { round, count: round ? count : 0 });
}

/** One client's awareness state read as a peer; null when it has published no well-formed `user`. */
function readPeer(clientId: number, state: unknown): Peer | null {
  const s = rec(state);
  const user = rec(s?.[USER_FIELD]);
  if (!user || typeof user.id !== 'string' || !user.id) return null;
  const priv = rec(s?.[PRIVATE_FIELD]);
  const privateRound = typeof priv?.round === 'string' ? priv.round : null;
  const count = priv?.count;
  return {
    clientId,
    userId: user.id,
    name: str(user.name, 80) || '',
    color: str(user.color, 32) || '#888888',
    role: isRole(user.role) ? user.role : null,
    party: isParty(user.party) ? user.party : null,
    privateRound,
    privateNotes: typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : 0,
    done: str(s?.[DONE_FIELD], 120),
  };
}

/** Every client of an awareness (ours included) that published a well-formed `user`, by client id. */
export function getPeers(awareness: Awareness): Map<number, Peer> {
  const peers = new Map<number, Peer>();
  awareness.getStates().forEach((state, clientId) => {
    const peer = readPeer(clientId, state);
    if (peer) peers.set(clientId, peer);
  });
  return peers;
}

/**
 * An awareness state as the server lets others see it: the identity the server knows (person id
 * and role) stamped over what the client claimed in `user` and in tldraw's `presence` (whose
 * `userId` is what "follow" follows), the name cut to length. Null when the state is not a JSON
 * object. A client without a person id is shown as `anonymous-<clientId>`.
 */
export function stampAwarenessState(json: string, who: { personId: string | null; role: Role; clientId: number }): string | null {
  let state: unknown;
  try {
    state = JSON.parse(json);
  } catch {
    return null;
  }
  const s = rec(state);
  if (!s) return null;
  const id = who.personId ?? `anonymous-${who.clientId}`;
  const user = rec(s[USER_FIELD]);
  const name = str(user?.name, 80) ?? '';
  if (user) s[USER_FIELD] = { ...user, id, role: who.role, name };
  const presence = rec(s[PRESENCE_FIELD]);
  if (presence) s[PRESENCE_FIELD] = { ...presence, userId: `user:${id}`, userName: name || str(presence.userName, 80) || '' };
  return JSON.stringify(s);
}
