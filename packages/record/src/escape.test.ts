import { describe, expect, it } from 'vitest';
import { cell, inline, listItem, paragraphs } from './escape.ts';

describe('escaping board text for Markdown', () => {
  it.each([
    ['# Heading', '\\# Heading'],
    ['> quote', '\\> quote'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['* item', '\\* item'],
    ['12. item', '12\\. item'],
    ['3) item', '3\\) item'],
    ['=== under', '\\=== under'],
    ['<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['[click](javascript:alert(1))', '\\[click\\](javascript:alert(1))'],
    ['`tick` **bold** _em_ ~~s~~', '\\`tick\\` \\*\\*bold\\*\\* \\_em\\_ \\~\\~s\\~\\~'],
    ['a | b', 'a \\| b'],
    ['&amp; $5', '\\&amp; \\$5'],
    ['back\\slash', 'back\\\\slash'],
    ['Plain words, (parens) and punctuation!', 'Plain words, (parens) and punctuation!'],
  ])('inline %j', (text, escaped) => {
    expect(inline(text)).toBe(escaped);
  });

  it('keeps a heading or label on one line', () => {
    expect(inline('two\n\n# lines')).toBe('two \\# lines');
  });

  it('shows line breaks in a table cell as a slash, so the row stays one line', () => {
    expect(cell('first\n| second |\n\nthird')).toBe('first / \\| second \\| / third');
  });

  it('keeps the lines of a list item inside the item, each escaped at its start', () => {
    expect(listItem('Ship it\n\n# not a heading\n- not an item\n    not code')).toBe('Ship it\\\n  \\# not a heading\\\n  \\- not an item\\\n  not code');
  });

  it('keeps paragraphs of a statement apart, and line breaks within them', () => {
    expect(paragraphs('One\ntwo\n\n\n## Three')).toBe('One\\\ntwo\n\n\\#\\# Three');
  });
});
