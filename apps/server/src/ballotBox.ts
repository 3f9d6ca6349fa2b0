import {
  applyDot,
  contentRoom,
  dotsUsed,
  facilitationRoom,
  getPeopleMap,
  readPerson,
  readSession,
  readSessionValue,
  recordLookup,
  tallyRound,
  updateSession,
  voteFrameRefusal,
  voteTargetRefusal,
  voterSide,
  votingResults,
  writeVoteResults,
  type Ballot,
  type FacilitationVoting,
  type Role,
  type VotingResults,
} from '@accord/board';
import type { MyBallot, OpenVoteBody } from '@accord/api';
import type { BallotStore, StoredBallot } from '@accord/storage';
import type { Relay } from '@accord/relay';
import { isDeepStrictEqual } from 'node:util';
import { Errors } from './errors.ts';
import { newId } from './ids.ts';
import { KeyedQueue } from './keyedQueue.ts';
import type { Principal } from './roomPolicy.ts';

/** How the ballot box reads and writes a board's rooms: through the relay, like every server write. */
export type BoardRooms = Pick<Relay<Principal>, 'readRoom' | 'changeRoom'>;

/** Who casts a dot: the person the server derived from their key, with their token's role. */
export interface Voter {
  personId: string;
  role: Role;
}

/** "that note …" → "That note …": the rules of @accord/board say why in a clause, answers start a sentence. */
const sentence = (reason: string): string => reason.charAt(0).toUpperCase() + reason.slice(1);

const toBallot = (b: StoredBallot): Ballot => ({ voteId: b.round, side: b.side, personId: b.personId, dots: new Map(Object.entries(b.dots)) });

/**
 * Dot voting held by the server (ARCHITECTURE.md, "Dot voting"). Ballots are in the `BallotStore`,
 * where no client reads them; the round is the facilitation session's `voting` field, which only
 * the server writes, and which shows only what may be known: who has voted (how many, when
 * anonymous) and, from the reveal on, the server's count. Every action on a board runs after the
 * previous one in this process, so a round's state read at the start of an action still holds
 * when it writes; a voter's ballot is changed atomically by the store, across instances too.
 */
export class BallotBox {
  private readonly queue = new KeyedQueue();
  private readonly ballots: BallotStore;
  private readonly rooms: BoardRooms;

  constructor(ballots: BallotStore, rooms: BoardRooms) {
    this.ballots = ballots;
    this.rooms = rooms;
  }

  /** Opens a new round (facilitator). Ballots of earlier rounds are dropped: their results are on the board. */
  open(boardId: string, setup: OpenVoteBody): Promise<FacilitationVoting> {
    return this.queue.run(boardId, async () => {
      if ((await this.voting(boardId))?.open) throw Errors.voteState('A vote is already open on this board: close it first');
      const frameId = setup.frameId ?? null;
      if (frameId !== null) {
        const refusal = await this.rooms.readRoom(contentRoom(boardId), (doc) => voteFrameRefusal(recordLookup(doc), frameId));
        if (refusal) throw Errors.voteTarget(sentence(refusal));
      }
      await this.ballots.deleteBallots(boardId);
      const voting: FacilitationVoting = {
        id: newId(12),
        open: true,
        votesPerPerson: setup.votesPerPerson,
        perNoteLimit: setup.perNoteLimit ?? null,
        anonymous: setup.anonymous ?? false,
        revealed: false,
        frameId,
        voted: [],
        voterCount: 0,
        results: null,
      };
      return this.publish(boardId, voting);
    });
  }

  /** Shows everyone the count of the open round; voting goes on, and the count follows each dot. */
  reveal(boardId: string, round: string): Promise<FacilitationVoting> {
    return this.queue.run(boardId, async () => {
      const voting = await this.current(boardId, round);
      if (!voting.open) throw Errors.voteState('That vote is closed; its results are already shown');
      if (voting.revealed) return voting;
      return this.publish(boardId, { ...voting, revealed: true, results: await this.count(boardId, voting) });
    });
  }

  /** Ends the round: no more dots, results shown, and written onto each voted note so the board keeps them. */
  close(boardId: string, round: string): Promise<FacilitationVoting> {
    return this.queue.run(boardId, async () => {
      const voting = await this.current(boardId, round);
      if (!voting.open) return voting;
      const results = await this.count(boardId, voting);
      await this.rooms.changeRoom(contentRoom(boardId), (doc) => void writeVoteResults(doc, voting, results.rows));
      return this.publish(boardId, { ...voting, open: false, revealed: true, results });
    });
  }

  /** Removes the round from the session and drops its ballots; results closing wrote onto notes stay. */
  clear(boardId: string, round: string): Promise<void> {
    return this.queue.run(boardId, async () => {
      await this.current(boardId, round);
      await this.ballots.deleteBallots(boardId);
      await this.rooms.changeRoom(facilitationRoom(boardId), (doc) => updateSession(doc, { voting: null }));
    });
  }

  /** The voter's own ballot in `round` (empty when they have none). */
  async ballot(boardId: string, voter: Pick<Voter, 'personId'>, round: string): Promise<MyBallot> {
    const [stored, voting] = await Promise.all([this.ballots.getBallot({ boardId, round, personId: voter.personId }), this.voting(boardId)]);
    return myBallot(round, stored, voting);
  }

  /**
   * Adds (`1`) or takes back (`-1`) one of the voter's dots on a note of the open round. A dot
   * goes only on a note on the board (inside the round's frame), within the round's limits; a dot
   * taken back needs only to be there. The voter's side is their party in the board's people
   * registry, else their role. Answers with their ballot after the change.
   */
  cast(boardId: string, voter: Voter, round: string, shapeId: string, delta: 1 | -1): Promise<MyBallot> {
    return this.queue.run(boardId, async () => {
      const voting = await this.current(boardId, round);
      if (!voting.open) throw Errors.voteState('That vote is closed');
      const { target, side } = await this.rooms.readRoom(contentRoom(boardId), (doc) => ({
        target: delta === 1 ? voteTargetRefusal(recordLookup(doc), shapeId, voting.frameId) : null,
        side: voterSide(readPerson(voter.personId, getPeopleMap(doc).get(voter.personId))?.party, voter.role),
      }));
      if (target) throw Errors.voteTarget(sentence(target));
      let refusal: string | null = null;
      const stored = await this.ballots.changeBallot(
        { boardId, round, personId: voter.personId },
        (current) => {
          const next = applyDot(voting, current?.dots ?? {}, shapeId, delta);
          if ('refusal' in next) {
            refusal = next.refusal;
            return null;
          }
          return { side, dots: next.dots };
        },
        Date.now(),
      );
      if (refusal) throw Errors.voteRefused(sentence(refusal));
      const published = await this.publishProgress(boardId, voting);
      return myBallot(round, stored, published);
    });
  }

  private async voting(boardId: string): Promise<FacilitationVoting | null> {
    return this.rooms.readRoom(facilitationRoom(boardId), (doc) => readSession(doc).voting);
  }

  /** The board's round, which must be `round`. */
  private async current(boardId: string, round: string): Promise<FacilitationVoting> {
    const voting = await this.voting(boardId);
    if (!voting) throw Errors.voteState('There is no vote on this board');
    if (voting.id !== round) throw Errors.voteState('That vote is no longer the board’s vote');
    return voting;
  }

  /** The round counted now: dots on notes still on the board, inside the round's frame. */
  private async count(boardId: string, voting: FacilitationVoting, stored?: StoredBallot[]): Promise<VotingResults> {
    const ballots = (stored ?? (await this.ballots.listBallots(boardId, voting.id))).map(toBallot);
    const tally = await this.rooms.readRoom(contentRoom(boardId), (doc) => {
      const records = recordLookup(doc);
      return tallyRound(ballots, voting, (shapeId) => voteTargetRefusal(records, shapeId, voting.frameId) === null);
    });
    return votingResults(tally, voting.anonymous);
  }

  /** After a dot: who has voted (how many), and the count when revealed — written only when it changed. */
  private async publishProgress(boardId: string, voting: FacilitationVoting): Promise<FacilitationVoting> {
    const ballots = await this.ballots.listBallots(boardId, voting.id);
    const voted = ballots.map((b) => b.personId).sort();
    const next: FacilitationVoting = {
      ...voting,
      voted: voting.anonymous ? [] : voted,
      voterCount: voted.length,
      results: voting.revealed ? await this.count(boardId, voting, ballots) : null,
    };
    return isDeepStrictEqual(next, voting) ? voting : this.publish(boardId, next);
  }

  /** Writes the round into the session (as the server: the guard lets no one else); answers it as stored. */
  private async publish(boardId: string, voting: FacilitationVoting): Promise<FacilitationVoting> {
    await this.rooms.changeRoom(facilitationRoom(boardId), (doc) => updateSession(doc, { voting }));
    return readSessionValue('voting', voting)!;
  }
}

/** A voter's ballot as answered: dots left only in the board's open round. */
function myBallot(round: string, stored: StoredBallot | null, voting: FacilitationVoting | null): MyBallot {
  const dots = { ...(stored?.dots ?? {}) };
  const used = dotsUsed(dots);
  const left = voting && voting.id === round && voting.open ? Math.max(0, voting.votesPerPerson - used) : 0;
  return { round, dots, used, left };
}
