import * as Y from 'yjs';
import { getVotesMap, type FacilitationVoting } from '@accord/board';

/** A dot vote as the facilitator set it up (facilitation `session.voting`), read by `readSession`. */
export type VoteSetup = FacilitationVoting;

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
