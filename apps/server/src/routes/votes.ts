import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  boardParams,
  dotBodySchema,
  myBallotSchema,
  openVoteBodySchema,
  voteRoundParams,
  voteRoundSchema,
  type DotBody,
  type MyBallot,
  type OpenVoteBody,
  type VoteRound,
} from '@accord/api';
import { requireRole } from '../access.ts';
import { BallotBox, type Voter } from '../ballotBox.ts';
import type { AppContext } from '../context.ts';
import { Errors } from '../errors.ts';

/** What the vote routes are registered with. */
export type VoteRoutesOptions = Pick<AppContext, 'ballots' | 'relay'>;

type RoundParams = { id: string; round: string };

/** The voter is the person the request's key names, with its token's role: there is no parameter naming anyone else. */
function voterOf(req: FastifyRequest): Voter {
  if (req.personId === null) throw Errors.personRequired();
  return { personId: req.personId, role: req.role };
}

/**
 * Dot voting through the server (ARCHITECTURE.md, "Dot voting"): a facilitator opens, reveals,
 * closes and clears a round; a participant or facilitator reads and changes only their own ballot.
 * Viewers cannot vote. What everyone may see of a round is the session's `voting` field.
 */
export const voteRoutes: FastifyPluginAsync<VoteRoutesOptions> = async (app, opts) => {
  const box = new BallotBox(opts.ballots, opts.relay);

  app.post<{ Params: { id: string }; Body: OpenVoteBody }>(
    '/api/boards/:id/votes',
    { schema: { params: boardParams, body: openVoteBodySchema, response: { 201: voteRoundSchema } }, preHandler: requireRole('facilitator') },
    async (req, reply) => {
      const round: VoteRound = await box.open(req.board.id, req.body);
      req.log.info({ boardId: req.board.id, round: round.id }, 'vote opened');
      return reply.code(201).send(round);
    },
  );

  app.post<{ Params: RoundParams }>(
    '/api/boards/:id/votes/:round/reveal',
    { schema: { params: voteRoundParams, response: { 200: voteRoundSchema } }, preHandler: requireRole('facilitator') },
    async (req): Promise<VoteRound> => box.reveal(req.board.id, req.params.round),
  );

  app.post<{ Params: RoundParams }>(
    '/api/boards/:id/votes/:round/close',
    { schema: { params: voteRoundParams, response: { 200: voteRoundSchema } }, preHandler: requireRole('facilitator') },
    async (req): Promise<VoteRound> => box.close(req.board.id, req.params.round),
  );

  app.delete<{ Params: RoundParams }>(
    '/api/boards/:id/votes/:round',
    { schema: { params: voteRoundParams }, preHandler: requireRole('facilitator') },
    async (req, reply) => {
      await box.clear(req.board.id, req.params.round);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: RoundParams }>(
    '/api/boards/:id/votes/:round/ballot',
    { schema: { params: voteRoundParams, response: { 200: myBallotSchema } }, preHandler: requireRole('participant') },
    async (req): Promise<MyBallot> => box.ballot(req.board.id, voterOf(req), req.params.round),
  );

  app.post<{ Params: RoundParams; Body: DotBody }>(
    '/api/boards/:id/votes/:round/ballot',
    { schema: { params: voteRoundParams, body: dotBodySchema, response: { 200: myBallotSchema } }, preHandler: requireRole('participant') },
    async (req): Promise<MyBallot> => box.cast(req.board.id, voterOf(req), req.params.round, req.body.shapeId, req.body.delta),
  );
};
