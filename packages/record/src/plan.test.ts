import { describe, expect, it } from 'vitest';
import { findDueDate, findOwner } from './plan.ts';
import { cleanLine, cleanText, isIsoDate } from './text.ts';

describe('owners and dates in stage notes', () => {
  it.each([
    ['Harden token refresh @priya', 'priya'],
    ['(@marco.rossi) pilot', 'marco.rossi'],
    ['Ping @Zoë.', 'Zoë'],
    ['Pilot with Acme\nowner: Marco Rossi, due 2025-06-30', 'Marco Rossi'],
    ['Owner = Dana by Friday', 'Dana'],
    ['OWNER: Sam; then review', 'Sam'],
    ['mail priya@example.com about it', null],
    ['No owner here', null],
    ['owner:   ', null],
  ])('%j → owner %j', (text, owner) => {
    expect(findOwner(text)).toBe(owner);
  });

  it.each([
    ['Ship 2025-04-01', '2025-04-01'],
    ['by 2025-02-30 or 2025-03-02', '2025-03-02'],
    ['ticket 12025-04-01-3', null],
    ['Q2', null],
  ])('%j → due %j', (text, due) => {
    expect(findDueDate(text)).toBe(due);
  });
});

describe('text from the board', () => {
  it('removes controls and bidi overrides, keeps line breaks, trims blank edges', () => {
    expect(cleanText('\n\n a\u0000b\u202e\r\nc\t d  \r\n\n', 100)).toBe(' ab\nc  d');
  });

  it('cuts long text at a code point and marks the cut', () => {
    expect(cleanText('abcdef', 4)).toBe('abc…');
    expect(cleanText('ab😀cd', 4)).toBe('ab…');
    expect(cleanLine('  one\n two   three ', 100)).toBe('one two three');
  });

  it('knows a calendar day', () => {
    expect(['2024-02-29', '2025-12-31'].map(isIsoDate)).toEqual([true, true]);
    expect(['2025-02-29', '2025-13-01', '2025-1-01', ' 2025-01-01'].map(isIsoDate)).toEqual([false, false, false, false]);
  });
});
