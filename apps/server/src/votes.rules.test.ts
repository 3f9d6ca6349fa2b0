import { describe, expect, it } from 'vitest';
import type { ApiErrorBody, MyBallot, VoteRound } from '@accord/api';
import { json, votesServer } from './test/votes.ts';

// The rules of a round, held by the server whatever a client sends: dots per person and per note,
// only notes on the board (inside the round's frame), only people who may vote, only as themselves,
// and only the facilitator runs the round.

const t = votesServer();

/** The error of a refused call, after checking its status. */
const refused = async (res: Response, status: number) => json<ApiErrorBody>(res, status);

describe('limits', () => {
  it('refuses dots over the per-person limit and over the per-note limit, saying which', async () => {
    const b = await t.voteBoard();
    const round = await t.open(b, { votesPerPerson: 3, perNoteLimit: 2 });
    await json(await t.dot(b, round.id, b.pat, b.shapes.first));
    await json(await t.dot(b, round.id, b.pat, b.shapes.first));
    expect(await refused(await t.dot(b, round.id, b.pat, b.shapes.first), 409)).toMatchObject({ code: 'ACCORD_VOTE_REFUSED', message: 'That note has as many of your dots as one note may' });
    await json(await t.dot(b, round.id, b.pat, b.shapes.second));
    expect(await refused(await t.dot(b, round.id, b.pat, b.shapes.inFrame), 409)).toMatchObject({ code: 'ACCORD_VOTE_REFUSED', message: 'You have used all your dots' });
    expect(await refused(await t.dot(b, round.id, b.pat, b.shapes.inFrame, -1), 409)).toMatchObject({ message: 'No dot of yours is on that note' });
    // Taking one back frees it.
    expect(await json<MyBallot>(await t.dot(b, round.id, b.pat, b.shapes.first, -1))).toEqual({ round: round.id, dots: { [b.shapes.first]: 1, [b.shapes.second]: 1 }, used: 2, left: 1 });
    expect(await t.ballot(b, round.id, b.pat)).toMatchObject({ used: 2 });
  });

  it('holds the limit against a burst of dots sent at once', async () => {
    const b = await t.voteBoard();
    const round = await t.open(b, { votesPerPerson: 2 });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => t.dot(b, round.id, b.quinn, i % 2 ? b.shapes.first : b.shapes.second)));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(2);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(10);
    expect(await t.ballot(b, round.id, b.quinn)).toMatchObject({ used: 2, left: 0 });
  });
});

describe('what a dot may go on', () => {
  it('refuses a note that does not exist, a shape that is not a note, and a note outside the round’s frame', async () => {
    const b = await t.voteBoard();
    const round = await t.open(b, { frameId: b.shapes.frame });
    expect(await refused(await t.dot(b, round.id, b.pat, 'shape:nowhere'), 422)).toMatchObject({ code: 'ACCORD_VOTE_TARGET', message: 'There is no note with that id on the board' });
    expect(await refused(await t.dot(b, round.id, b.pat, b.shapes.box), 422)).toMatchObject({ code: 'ACCORD_VOTE_TARGET' });
    expect(await refused(await t.dot(b, round.id, b.pat, b.shapes.frame), 422)).toMatchObject({ code: 'ACCORD_VOTE_TARGET' });
    expect(await refused(await t.dot(b, round.id, b.pat, b.shapes.first), 422)).toMatchObject({ message: 'That note is outside the frame this vote is about' });
    expect(await json<MyBallot>(await t.dot(b, round.id, b.pat, b.shapes.inFrame))).toMatchObject({ dots: { [b.shapes.inFrame]: 1 } });
    expect(await refused(await t.dot(b, round.id, b.pat, 'page:page'), 400)).toMatchObject({ code: 'FST_ERR_VALIDATION' });
    expect(await t.ballot(b, round.id, b.pat)).toMatchObject({ used: 1 });
  });

  it('opens a round limited to a frame only when that frame is on the board', async () => {
    const b = await t.voteBoard();
    expect(await refused(await t.api(`/api/boards/${b.id}/votes`, b.fay, { method: 'POST', body: { votesPerPerson: 2, frameId: b.shapes.first } }), 422)).toMatchObject({ code: 'ACCORD_VOTE_TARGET', message: 'There is no frame with that id on the board' });
    expect(await refused(await t.api(`/api/boards/${b.id}/votes`, b.fay, { method: 'POST', body: { votesPerPerson: 21 } }), 400)).toMatchObject({ code: 'FST_ERR_VALIDATION' });
    expect((await t.facilitation(b, b.vic)).voting()).toBeNull();
  });
});

describe('who may vote', () => {
  it('a viewer cannot vote nor read a ballot; nobody votes without saying who they are', async () => {
    const b = await t.voteBoard();
    const round = await t.open(b);
    expect(await refused(await t.dot(b, round.id, b.vic, b.shapes.first), 403)).toMatchObject({ code: 'ACCORD_FORBIDDEN' });
    expect(await refused(await t.api(`/api/boards/${b.id}/votes/${round.id}/ballot`, b.vic), 403)).toMatchObject({ code: 'ACCORD_FORBIDDEN' });
    expect(await refused(await t.dot(b, round.id, { token: b.tokens.participant }, b.shapes.first), 400)).toMatchObject({ code: 'ACCORD_PERSON_REQUIRED' });
    expect(await refused(await t.api(`/api/boards/${b.id}/votes/${round.id}/ballot`, { token: b.tokens.participant }), 400)).toMatchObject({ code: 'ACCORD_PERSON_REQUIRED' });
    expect(await refused(await t.dot(b, round.id, null as never, b.shapes.first), 401)).toMatchObject({ code: 'ACCORD_TOKEN_MISSING' });
    expect((await t.facilitation(b, b.vic)).voting()).toMatchObject({ voterCount: 0 });
  });

  it('only a facilitator opens, reveals, closes or clears a round', async () => {
    const b = await t.voteBoard();
    expect(await refused(await t.api(`/api/boards/${b.id}/votes`, b.pat, { method: 'POST', body: { votesPerPerson: 2 } }), 403)).toMatchObject({ code: 'ACCORD_FORBIDDEN' });
    const round = await t.open(b);
    for (const action of ['reveal', 'close', 'clear'] as const) expect((await t.act(b, round.id, action, b.pat)).status).toBe(403);
    expect((await t.facilitation(b, b.vic)).voting()).toMatchObject({ open: true, revealed: false });
  });
});

describe('a round’s life', () => {
  it('opens once at a time, refuses dots once closed, and clears with its ballots', async () => {
    const b = await t.voteBoard();
    const round = await t.open(b);
    expect(round).toMatchObject({ open: true, revealed: false, votesPerPerson: 2, perNoteLimit: null, anonymous: false, frameId: null, voted: [], voterCount: 0, results: null });
    expect(round.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await refused(await t.api(`/api/boards/${b.id}/votes`, b.fay, { method: 'POST', body: { votesPerPerson: 2 } }), 409)).toMatchObject({ code: 'ACCORD_VOTE_STATE' });
    await json(await t.dot(b, round.id, b.pat, b.shapes.first));
    expect(await refused(await t.act(b, 'someOtherRound', 'reveal'), 409)).toMatchObject({ code: 'ACCORD_VOTE_STATE' });

    const closed = await json<VoteRound>(await t.act(b, round.id, 'close'));
    expect(closed).toMatchObject({ open: false, revealed: true, voted: [b.pat.id], results: { rows: [{ shapeId: b.shapes.first, total: 1, bySide: { em: 1 } }], voters: 1 } });
    expect(await json<VoteRound>(await t.act(b, round.id, 'close'))).toEqual(closed);
    expect(await refused(await t.dot(b, round.id, b.pat, b.shapes.second), 409)).toMatchObject({ code: 'ACCORD_VOTE_STATE', message: 'That vote is closed' });
    expect(await refused(await t.act(b, round.id, 'reveal'), 409)).toMatchObject({ code: 'ACCORD_VOTE_STATE' });
    expect(await t.ballot(b, round.id, b.pat)).toEqual({ round: round.id, dots: { [b.shapes.first]: 1 }, used: 1, left: 0 });

    expect((await t.act(b, round.id, 'clear')).status).toBe(204);
    expect(await t.ballot(b, round.id, b.pat)).toEqual({ round: round.id, dots: {}, used: 0, left: 0 });
    expect((await t.facilitation(b, b.vic)).voting()).toBeNull();
    expect(await refused(await t.act(b, round.id, 'clear'), 409)).toMatchObject({ code: 'ACCORD_VOTE_STATE' });
    // A new round starts from no ballots.
    const next = await t.open(b, { votesPerPerson: 1 });
    expect(next.id).not.toBe(round.id);
    expect(await t.ballot(b, next.id, b.pat)).toMatchObject({ used: 0, left: 1 });
  });
});
