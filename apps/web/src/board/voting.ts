import * as Y from 'yjs';
import { getVotesMap } from '@accord/board';

/** A dot vote as the facilitator set it up (facilitation `session.voting`). */
export interface VoteSetup {
  id: string;
  open: boolean;
  votesPerPerson: number;
  /** Most dots one person may put on one note; null for no limit. */
  perNoteLimit: number | null;
  anonymous: boolean;
  revealed: boolean;
  /** Only notes inside this frame count; null for the whole board. */
  frameId: string | null;
}

export function parseVoteSetup(v: unknown): VoteSetup | null {
  const s = v as Partial<VoteSetup> | undefined;
  if (!s || typeof s !== 'object' || typeof s.id !== 'string' || typeof s.open !== 'boolean') return null;
  if (!Number.isInteger(s.votesPerPerson) || s.votesPerPerson! < 1 || s.votesPerPerson! > 20) return null;
  return {
    id: s.id,
    open: s.open,
    votesPerPerson: s.votesPerPerson!,
    perNoteLimit: Number.isInteger(s.perNoteLimit) && s.perNoteLimit! > 0 ? s.perNoteLimit! : null,
    anonymous: s.anonymous === true,
    revealed: s.revealed === true,
    frameId: typeof s.frameId === 'string' ? s.frameId : null,
  };
}

/** A voter's key in the `votes` map: the round, their role (for split tallies) and who they are. */
export const voterKey = (voteId: string, role: string, personId: string) => `${voteId}:${role}:${personId}`;

/** This person's ballot for the current round. */
export function myBallot(doc: Y.Doc, key: string): Map<string, number> {
  const ballot = getVotesMap(doc).get(key);
  const out = new Map<string, number>();
  if (ballot instanceof Y.Map) ballot.forEach((n, id) => typeof n === 'number' && n > 0 && out.set(id, n));
  return out;
}

/** Adds (+1) or removes (-1) one of my dots on a note, within the round's limits. Returns false when refused. */
export function castDot(doc: Y.Doc, setup: VoteSetup, key: string, shapeId: string, delta: 1 | -1): boolean {
  const votes = getVotesMap(doc);
  const current = myBallot(doc, key);
  const onNote = current.get(shapeId) ?? 0;
  const used = [...current.values()].reduce((a, b) => a + b, 0);
  if (!setup.open) return false;
  if (delta === 1 && (used >= setup.votesPerPerson || (setup.perNoteLimit !== null && onNote >= setup.perNoteLimit))) return false;
  if (delta === -1 && onNote === 0) return false;
  doc.transact(() => {
    let ballot = votes.get(key);
    if (!(ballot instanceof Y.Map)) {
      ballot = new Y.Map<number>();
      votes.set(key, ballot);
    }
    if (onNote + delta === 0) ballot.delete(shapeId);
    else ballot.set(shapeId, onNote + delta);
  });
  return true;
}

export interface Tally {
  shapeId: string;
  total: number;
  byRole: Record<string, number>;
}

/** Totals for one round, highest first, with the split by the voters' roles. */
export function tally(doc: Y.Doc, voteId: string): Tally[] {
  const rows = new Map<string, Tally>();
  getVotesMap(doc).forEach((ballot, key) => {
    if (!key.startsWith(`${voteId}:`) || !(ballot instanceof Y.Map)) return;
    const role = key.split(':')[1] ?? 'unknown';
    ballot.forEach((n, shapeId) => {
      if (typeof n !== 'number' || n <= 0) return;
      const row = rows.get(shapeId) ?? { shapeId, total: 0, byRole: {} };
      row.total += n;
      row.byRole[role] = (row.byRole[role] ?? 0) + n;
      rows.set(shapeId, row);
    });
  });
  return [...rows.values()].sort((a, b) => b.total - a.total || a.shapeId.localeCompare(b.shapeId));
}
