import type * as Y from 'yjs';
import { readBallot, readBallots, tallyRound, type FacilitationVoting, type TallyRow } from '@accord/board';

/** A dot vote as the facilitator set it up (facilitation `session.voting`), read by `readSession`. */
export type VoteSetup = FacilitationVoting;

/** This person's ballot for the current round. */
export const myBallot = (doc: Y.Doc, key: string): Map<string, number> => readBallot(doc, key);

/** Totals for one round, highest first, split by the voters' sides (the board's one tally). */
export const tally = (doc: Y.Doc, setup: VoteSetup): TallyRow[] => tallyRound(readBallots(doc), setup).rows;
