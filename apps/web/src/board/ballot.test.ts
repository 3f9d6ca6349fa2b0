import { describe, expect, it } from 'vitest';
import type { MyBallot } from '@accord/api';
import { BallotClient, type BallotApi } from './ballot.ts';
import type { VoteSetup } from './voting.ts';

const round: VoteSetup = { id: 'r1', open: true, votesPerPerson: 2, perNoteLimit: null, anonymous: false, revealed: false, frameId: null, voted: [], voterCount: 0, results: null };

/** A server whose answers the test gives, one call at a time. */
function fakeServer(stored: Record<string, number> = {}) {
  const calls: string[] = [];
  const waiting: Array<{ resolve: (b: MyBallot) => void; reject: (e: Error) => void }> = [];
  const answer = (roundId: string, dots: Record<string, number>): MyBallot => ({ round: roundId, dots, used: 0, left: 0 });
  const api: BallotApi = {
    get: (id) => {
      calls.push(`get ${id}`);
      return Promise.resolve(answer(id, stored));
    },
    cast: (id, shapeId, delta) => {
      calls.push(`cast ${id} ${shapeId} ${delta}`);
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
  };
  return {
    api,
    calls,
    /** Answers the oldest cast still waiting. */
    accept: (dots: Record<string, number>) => waiting.shift()!.resolve(answer('r1', dots)),
    refuse: (message: string) => waiting.shift()!.reject(new Error(message)),
    set: (dots: Record<string, number>) => (stored = dots),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('BallotClient', () => {
  it('starts from the server’s ballot of the round, and from nothing for a new round', async () => {
    const server = fakeServer({ 'shape:a': 1 });
    const client = new BallotClient(server.api, () => {});
    client.setRound(round);
    await settle();
    expect(client.dots).toEqual({ 'shape:a': 1 });
    server.set({});
    client.setRound({ ...round, id: 'r2' });
    expect(client.dots).toEqual({});
    await settle();
    expect(server.calls).toEqual(['get r1', 'get r2']);
  });

  it('shows a dot at once, sends dots one after another, and shows what the server answered', async () => {
    const server = fakeServer();
    let changes = 0;
    const client = new BallotClient(server.api, () => changes++);
    client.setRound(round);
    await settle();
    expect(client.cast('shape:a', 1)).toBe(true);
    expect(client.cast('shape:b', 1)).toBe(true);
    expect(client.dots).toEqual({ 'shape:a': 1, 'shape:b': 1 });
    expect(server.calls.filter((c) => c.startsWith('cast'))).toEqual(['cast r1 shape:a 1']);
    server.accept({ 'shape:a': 1 });
    await settle();
    expect(server.calls.filter((c) => c.startsWith('cast'))).toEqual(['cast r1 shape:a 1', 'cast r1 shape:b 1']);
    server.accept({ 'shape:a': 1, 'shape:b': 1 });
    await settle();
    expect(client.dots).toEqual({ 'shape:a': 1, 'shape:b': 1 });
    expect(client.used).toBe(2);
    expect(changes).toBeGreaterThan(3);
  });

  it('does not send a dot the round’s limits refuse, and says why', async () => {
    const server = fakeServer({ 'shape:a': 2 });
    const client = new BallotClient(server.api, () => {});
    client.setRound(round);
    await settle();
    expect(client.cast('shape:b', 1)).toBe(false);
    expect(client.message).toBe('You have used all your dots.');
    expect(server.calls).toEqual(['get r1']);
    // Taking one back is fine, and clears the message.
    expect(client.cast('shape:a', -1)).toBe(true);
    expect(client.message).toBeNull();
  });

  it('takes back a dot the server refuses, says why, and reloads the ballot', async () => {
    const server = fakeServer();
    const client = new BallotClient(server.api, () => {});
    client.setRound(round);
    await settle();
    client.cast('shape:a', 1);
    server.set({ 'shape:z': 1 });
    server.refuse('There is no note with that id on the board');
    await settle();
    await settle();
    expect(client.message).toBe('There is no note with that id on the board.');
    expect(client.dots).toEqual({ 'shape:z': 1 });
    expect(server.calls).toEqual(['get r1', 'cast r1 shape:a 1', 'get r1']);
  });

  it('drops answers about a round that is no longer the board’s', async () => {
    const server = fakeServer();
    const client = new BallotClient(server.api, () => {});
    client.setRound(round);
    await settle();
    client.cast('shape:a', 1);
    client.setRound(null);
    server.accept({ 'shape:a': 1 });
    await settle();
    expect(client.dots).toEqual({});
    expect(client.cast('shape:a', 1)).toBe(false);
  });
});
