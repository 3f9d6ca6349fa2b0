import { useEffect, useRef, useState } from 'react';
import { readSession, setPrivateCount, type FacilitationPrivateWriting } from '@accord/board';
import type { Me } from '../lib/local.ts';
import type { BoardConnection } from './connection.ts';
import type { LiveStore } from './useLiveStore.ts';
import { isWritingPrivately, setUpPrivateWriting, type PrivateWritingHandle } from './privateWriting.ts';

/**
 * Private writing on this device (privateWriting.ts) wired to the board: new notes are flagged while
 * the session's round runs; notes no longer part of a running round are published (at the reveal,
 * or on reconnect after a reveal this client missed) once the session is known and writes are
 * allowed; others see only how many notes each person holds (awareness). Returns the running
 * round's id (null when none) and how many private notes this person holds.
 */
export function usePrivateWriting(opts: { conn: BoardConnection | null; live: LiveStore | null; boardId: string; person: Me; session: FacilitationPrivateWriting | null; canWrite: boolean }): { round: string | null; count: number } {
  const { conn, live, boardId, person, session, canWrite } = opts;
  const [count, setCount] = useState(0);
  const [handle, setHandle] = useState<PrivateWritingHandle | null>(null);
  const canWriteRef = useRef(canWrite);
  canWriteRef.current = canWrite;
  const personId = person.id;

  useEffect(() => {
    if (!conn || !live) return;
    const h = setUpPrivateWriting({
      store: live.store,
      boardId,
      personId,
      // Read at the moment a note is created, and only once the session is known.
      current: () => (conn.facilitationSynced ? readSession(conn.facilitation).privateWriting : null),
      canWrite: () => canWriteRef.current,
      onCountChange: setCount,
    });
    setHandle(h);
    return () => {
      h.dispose();
      setHandle(null);
    };
  }, [conn, live, boardId, personId]);

  const synced = conn?.facilitationSynced ?? false;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the round's fields, not the session object: a re-read session with the same round changes nothing.
  useEffect(() => {
    if (!handle || !live || !synced || !canWrite) return;
    const published = handle.publishSettled(session, { id: person.id, name: person.name || 'Guest' });
    if (published > 0) live.binding.flush();
  }, [handle, live, synced, canWrite, session?.id, session?.active, session?.revealed, person.id, person.name]);

  const round = isWritingPrivately(session) ? session.id : null;
  useEffect(() => {
    if (conn) setPrivateCount(conn.provider.awareness, round, count);
  }, [conn, round, count]);
  return { round, count };
}
