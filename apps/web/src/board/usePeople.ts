import { useEffect, useState } from 'react';
import { getPeers, upsertPerson, type Peer, type Role } from '@accord/board';
import type { Me } from '../lib/local.ts';
import type { BoardConnection } from './connection.ts';

/** Someone connected to the board now (from awareness, read by `getPeers`). */
export interface OnlinePerson extends Peer {
  /** This browser tab. */
  isMe: boolean;
}

/** Peers as the board lists them: a name for everyone, this tab first, then by name. */
export function onlinePeople(peers: Map<number, Peer>, myClientId: number): OnlinePerson[] {
  return [...peers.values()]
    .map((p) => ({ ...p, name: p.name || 'Guest', isMe: p.clientId === myClientId }))
    .sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name));
}

/** Everyone connected to the content room, live. */
export function usePeople(conn: BoardConnection | null): OnlinePerson[] {
  const [people, setPeople] = useState<OnlinePerson[]>([]);
  useEffect(() => {
    if (!conn) return;
    const awareness = conn.provider.awareness;
    // Awareness changes with every cursor move (tldraw's presence), which the people list does not
    // show: a new list only when what it shows changed, so the board does not re-render per move.
    let shown = '';
    const update = () => {
      const next = onlinePeople(getPeers(awareness), awareness.clientID);
      const key = JSON.stringify(next);
      if (key === shown) return;
      shown = key;
      setPeople(next);
    };
    awareness.on('change', update);
    update();
    return () => awareness.off('change', update);
  }, [conn]);
  return people;
}

/**
 * The people registry remembers everyone who joined with write access (who is online comes from
 * awareness): this person is added once live with a name, and refreshed every minute.
 */
export function useRememberPerson(conn: BoardConnection | null, ready: boolean, person: Me, role: Role, canEdit: boolean): void {
  const live = conn?.state === 'live';
  useEffect(() => {
    if (!conn || !ready || !live || !canEdit || !person.name) return;
    const seen = () => upsertPerson(conn.content, { id: person.id, name: person.name, color: person.color, role, party: person.party ?? null, lastSeen: Date.now() });
    seen();
    const id = setInterval(seen, 60_000);
    return () => clearInterval(id);
  }, [conn, ready, live, canEdit, person, role]);
}
