import { afterEach, describe, expect, it, vi } from 'vitest';
import { boardHref, navigate, parseRoute, recordHref } from './router.ts';

const BOARD = 'abcDEF_12-'; // 10 characters, the shortest board id
const LONG = 'x'.repeat(64);

describe('parseRoute', () => {
  it('reads the home page', () => {
    expect(parseRoute('/')).toEqual({ name: 'home' });
    expect(parseRoute('')).toEqual({ name: 'home' });
  });

  it('reads a board, with or without a trailing slash, for ids of 10 to 64 URL-safe characters', () => {
    expect(parseRoute(`/b/${BOARD}`)).toEqual({ name: 'board', id: BOARD });
    expect(parseRoute(`/b/${BOARD}/`)).toEqual({ name: 'board', id: BOARD });
    expect(parseRoute(`/b/${LONG}`)).toEqual({ name: 'board', id: LONG });
  });

  it('reads a decision record of a board', () => {
    expect(parseRoute(`/b/${BOARD}/records/r1`)).toEqual({ name: 'record', id: BOARD, recordId: 'r1' });
    expect(parseRoute(`/b/${BOARD}/records/${LONG}/`)).toEqual({ name: 'record', id: BOARD, recordId: LONG });
  });

  it.each([
    ['a board id that is too short', '/b/abcdefghi'],
    ['a board id that is too long', `/b/${LONG}x`],
    ['a board id with other characters', '/b/abcdefghij.k'],
    ['an encoded character in the id', '/b/abcdefghij%20'],
    ['a board without an id', '/b/'],
    ['a record without an id', `/b/${BOARD}/records/`],
    ['a record id that is too long', `/b/${BOARD}/records/${LONG}x`],
    ['a record id with a dot', `/b/${BOARD}/records/a.b`],
    ['more after a board', `/b/${BOARD}/extra`],
    ['more after a record', `/b/${BOARD}/records/r1/more`],
    ['another page', '/boards'],
    ['a double slash', '//'],
  ])('gives the not-found page for %s', (_, path) => {
    expect(parseRoute(path)).toEqual({ name: 'missing' });
  });
});

describe('links', () => {
  it('puts the token in the fragment and parses back to the board', () => {
    const href = boardHref(BOARD, 'v1.tok');
    expect(href).toBe(`/b/${BOARD}#t=v1.tok`);
    const url = new URL(href, 'http://accord.test');
    expect(parseRoute(url.pathname)).toEqual({ name: 'board', id: BOARD });
    expect(url.hash).toBe('#t=v1.tok');
  });

  it('builds a record link that parses back to the record', () => {
    const url = new URL(recordHref(BOARD, 'rec_1', 'v1.tok'), 'http://accord.test');
    expect(parseRoute(url.pathname)).toEqual({ name: 'record', id: BOARD, recordId: 'rec_1' });
    expect(url.hash).toBe('#t=v1.tok');
  });

  it('encodes a record id so it cannot leave its path segment', () => {
    expect(recordHref(BOARD, 'a/b#c', 't')).toBe(`/b/${BOARD}/records/a%2Fb%23c#t=t`);
  });
});

describe('navigate', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('pushes the address and announces it as a popstate, so the app re-reads the route', () => {
    const pushState = vi.fn();
    const dispatchEvent = vi.fn();
    vi.stubGlobal('PopStateEvent', class extends Event {});
    vi.stubGlobal('window', { history: { pushState }, dispatchEvent });
    navigate(`/b/${BOARD}#t=x`);
    expect(pushState).toHaveBeenCalledWith(null, '', `/b/${BOARD}#t=x`);
    expect(dispatchEvent).toHaveBeenCalledTimes(1);
    expect((dispatchEvent.mock.calls[0]![0] as Event).type).toBe('popstate');
  });
});
