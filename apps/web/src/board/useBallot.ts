import { useEffect, useReducer, useState } from 'react';
import { api } from '../lib/api.ts';
import { BallotClient } from './ballot.ts';
import type { VoteSetup } from './voting.ts';

/**
 * My ballot in the board's round, kept by the server (see `BallotClient`): loaded when a round
 * starts or the board opens, changed through the API. Null for someone who cannot vote (a viewer).
 */
export function useBallot(boardId: string, token: string, round: VoteSetup | null, canVote: boolean): BallotClient | null {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [client] = useState(
    () =>
      new BallotClient(
        {
          get: (id) => api.myBallot(boardId, token, id),
          cast: (id, shapeId, delta) => api.castDot(boardId, token, id, shapeId, delta),
        },
        rerender,
      ),
  );
  useEffect(() => {
    client.setRound(canVote ? round : null);
  }, [client, round, canVote]);
  return canVote ? client : null;
}
