import { describe, expect, it } from 'vitest';
import type { Peer } from '@accord/board';
import { onlinePeople } from './usePeople.ts';

const peer = (clientId: number, name: string, extra: Partial<Peer> = {}): Peer => ({ clientId, userId: `u${clientId}`, name, color: '#123456', role: 'participant', party: null, privateRound: null, privateNotes: 0, done: null, ...extra });

describe('onlinePeople', () => {
  it('lists this tab first, then everyone by name', () => {
    const peers = new Map([peer(1, 'Zoe'), peer(2, 'Ann'), peer(3, 'Me'), peer(4, 'Bob')].map((p) => [p.clientId, p]));
    const list = onlinePeople(peers, 3);
    expect(list.map((p) => p.name)).toEqual(['Me', 'Ann', 'Bob', 'Zoe']);
    expect(list.map((p) => p.isMe)).toEqual([true, false, false, false]);
  });

  it('calls someone without a name a guest, and keeps what awareness said of them', () => {
    const [guest] = onlinePeople(new Map([[7, peer(7, '', { party: 'em', privateRound: 'r1', privateNotes: 2 })]]), 1);
    expect(guest).toEqual({ ...peer(7, 'Guest', { party: 'em', privateRound: 'r1', privateNotes: 2 }), isMe: false });
  });

  it('lists the same person once per tab (each tab is its own cursor)', () => {
    const list = onlinePeople(new Map([[1, peer(1, 'Pat', { userId: 'pat' })], [2, peer(2, 'Pat', { userId: 'pat' })]]), 2);
    expect(list.map((p) => [p.clientId, p.isMe])).toEqual([[2, true], [1, false]]);
  });
});
