import { toRichText as tldrawToRichText } from 'tldraw';
import { describe, expect, it } from 'vitest';
import { estimateTextHeight, toRichText, wrapLines } from './text.ts';

describe('toRichText', () => {
  it.each(['hello', '', 'two\nlines', 'gap\n\nline', "quotes ' and “unicode” ·"])('matches tldraw for %j', (text) => {
    expect(toRichText(text)).toEqual(tldrawToRichText(text));
  });
});

describe('text estimates', () => {
  it('wraps greedily and breaks words longer than a line', () => {
    expect(wrapLines('aaa bbb ccc', 10.8 * 7, 's')).toEqual(['aaa bbb', 'ccc']);
    expect(wrapLines('abcdefghij', 10.8 * 4, 's')).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapLines('one\ntwo', 1000, 's')).toEqual(['one', 'two']);
  });

  it('estimates height from lines, font size and line height', () => {
    expect(estimateTextHeight('short', 440, 's')).toBe(Math.ceil(18 * 1.35));
    expect(estimateTextHeight('x '.repeat(60), 440, 's')).toBe(Math.ceil(3 * 18 * 1.35));
  });
});
