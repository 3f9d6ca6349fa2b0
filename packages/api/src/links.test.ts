import { describe, expect, it } from 'vitest';
import { boardPath, parseRecordLink, parseShareLink, recordLink, recordPath, shareLink, tokenFromHash } from './links.ts';
import { formatToken } from './tokens.ts';

const BOARD = 'b0ard_ID-123';
const TOKEN = formatToken(BOARD, 'viewer', 'm'.repeat(43));

describe('share links', () => {
  it('are <origin>/b/<boardId>#t=<token>', () => {
    expect(boardPath(BOARD)).toBe('/b/b0ard_ID-123');
    expect(shareLink('https://accord.example.com', BOARD, TOKEN)).toBe(`https://accord.example.com/b/${BOARD}#t=${TOKEN}`);
    expect(shareLink('http://127.0.0.1:8080', BOARD, TOKEN)).toBe(`http://127.0.0.1:8080/b/${BOARD}#t=${TOKEN}`);
  });

  it('keep the token in the fragment, which browsers never send', () => {
    const url = new URL(shareLink('https://accord.example.com', BOARD, TOKEN));
    expect(url.pathname).toBe(`/b/${BOARD}`);
    expect(url.search).toBe('');
    expect(url.hash).toBe(`#t=${TOKEN}`);
  });

  it('parse back into origin, board and token', () => {
    expect(parseShareLink(shareLink('https://accord.example.com:8443', BOARD, TOKEN))).toEqual({ origin: 'https://accord.example.com:8443', boardId: BOARD, token: TOKEN });
  });

  it.each([
    ['not a URL', 'b0ard_ID-123#t=x'],
    ['another path', `https://a.example/boards/${BOARD}#t=${TOKEN}`],
    ['a path below the board', `https://a.example/b/${BOARD}/records#t=${TOKEN}`],
    ['no fragment', `https://a.example/b/${BOARD}`],
    ['the token in the query', `https://a.example/b/${BOARD}?t=${TOKEN}`],
    ['a malformed board id', `https://a.example/b/short#t=${TOKEN}`],
    ['a token of another board', `https://a.example/b/otherBoard12#t=${TOKEN}`],
    ['a malformed token', `https://a.example/b/${BOARD}#t=v1.nope`],
  ])('refuse %s', (_what, link) => {
    expect(parseShareLink(link)).toBeNull();
  });
});

describe('tokenFromHash', () => {
  it('reads t= from a fragment, with or without the #', () => {
    expect(tokenFromHash(`#t=${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromHash(`t=${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromHash(`#x=1&t=${TOKEN}`)).toBe(TOKEN);
  });

  it('gives null when the fragment has no token', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#')).toBeNull();
    expect(tokenFromHash('#token=abc')).toBeNull();
  });
});

describe('record links', () => {
  const RECORD = 'Rec_0rd-ID12';
  it('are <origin>/b/<boardId>/records/<recordId>#t=<token> and parse back', () => {
    expect(recordPath(BOARD, RECORD)).toBe(`/b/${BOARD}/records/${RECORD}`);
    const link = recordLink('https://accord.example.com', BOARD, RECORD, TOKEN);
    expect(link).toBe(`https://accord.example.com/b/${BOARD}/records/${RECORD}#t=${TOKEN}`);
    expect(parseRecordLink(`  ${link} `)).toEqual({ origin: 'https://accord.example.com', boardId: BOARD, recordId: RECORD, token: TOKEN });
  });

  it.each([
    ['a board link', shareLink('https://a.example', BOARD, TOKEN)],
    ['no token', `https://a.example/b/${BOARD}/records/${RECORD}`],
    ['a token of another board', `https://a.example/b/${BOARD}/records/${RECORD}#t=${formatToken('other_board1', 'viewer', 'm'.repeat(43))}`],
    ['a record id that is no id', `https://a.example/b/${BOARD}/records/a.b#t=${TOKEN}`],
    ['more path', `https://a.example/b/${BOARD}/records/${RECORD}/snapshot#t=${TOKEN}`],
    ['not a URL', `b/${BOARD}/records/${RECORD}#t=${TOKEN}`],
  ])('are refused when %s', (_, link) => {
    expect(parseRecordLink(link)).toBeNull();
  });
});
