import { describe, expect, it } from 'vitest';
import { TOKEN_PATTERN, formatToken, parseToken, tokenRole } from './tokens.ts';

const BOARD = 'Xq3_board-Id9';
const MAC = `${'A'.repeat(21)}_${'z9-'.repeat(7)}`; // 43 base64url characters

describe('capability tokens', () => {
  it('are written v1.<boardId>.<role>.<mac>', () => {
    expect(MAC).toHaveLength(43);
    expect(formatToken(BOARD, 'participant', MAC)).toBe(`v1.${BOARD}.participant.${MAC}`);
  });

  it('parse back into the parts they were written from, for every role', () => {
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      expect(parseToken(formatToken(BOARD, role, MAC))).toEqual({ boardId: BOARD, role, mac: MAC });
      expect(tokenRole(formatToken(BOARD, role, MAC))).toBe(role);
    }
  });

  it('TOKEN_PATTERN is the exact format, anchored at both ends', () => {
    expect(TOKEN_PATTERN).toBe('^v1\\.([A-Za-z0-9_-]{10,64})\\.(facilitator|participant|viewer)\\.([A-Za-z0-9_-]{43})$');
    expect(new RegExp(TOKEN_PATTERN).test(`v1.${BOARD}.viewer.${MAC}`)).toBe(true);
  });

  it.each([
    ['another version', `v2.${BOARD}.viewer.${MAC}`],
    ['an unknown role', `v1.${BOARD}.owner.${MAC}`],
    ['a board id too short', `v1.short.viewer.${MAC}`],
    ['a board id too long', `v1.${'b'.repeat(65)}.viewer.${MAC}`],
    ['a board id with a dot', `v1.board.id.12345.viewer.${MAC}`],
    ['a MAC one character short', `v1.${BOARD}.viewer.${MAC.slice(1)}`],
    ['a MAC one character long', `v1.${BOARD}.viewer.${MAC}A`],
    ['base64 padding in the MAC', `v1.${BOARD}.viewer.${MAC.slice(1)}=`],
    ['a standard base64 MAC', `v1.${BOARD}.viewer.${MAC.slice(1)}+`],
    ['surrounding text', ` v1.${BOARD}.viewer.${MAC}`],
    ['nothing', ''],
  ])('refuses %s', (_what, token) => {
    expect(parseToken(token)).toBeNull();
    expect(tokenRole(token)).toBeNull();
  });
});
