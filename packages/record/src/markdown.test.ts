import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';
import { EXAMPLES, emptyExample, needsVsPositionsExample } from './test/examples.ts';
import type { DecisionRecord } from './types.ts';

// CommonMark with GFM tables and strikethrough, raw HTML allowed: if board text could produce
// HTML, links or structure, this parser would show it.
const md = new MarkdownIt({ html: true, linkify: false });
type Token = ReturnType<typeof md.parse>[number];

const headings = (tokens: Token[]) => tokens.flatMap((t, i) => (t.type === 'heading_open' ? [`${t.tag} ${tokens[i + 1]?.content ?? ''}`] : []));
const h2 = (markdown: string) => headings(md.parse(markdown, {})).filter((h) => h.startsWith('h2 '));

/** The shape of a document without its words: blocks, heading levels, list items, table rows and cells. */
function skeleton(tokens: Token[]): string[] {
  const out: string[] = [];
  let cells = 0;
  for (const t of tokens) {
    if (t.type === 'heading_open') out.push(t.tag);
    else if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open' || t.type === 'table_open') out.push(t.type);
    else if (t.type === 'list_item_open') out.push('item');
    else if (t.type === 'tr_open') cells = 0;
    else if (t.type === 'th_open' || t.type === 'td_open') cells++;
    else if (t.type === 'tr_close') out.push(`row of ${cells}`);
  }
  return out;
}

/** Every token, inline children included. */
const allTokens = (tokens: Token[]): Token[] => tokens.flatMap((t) => [t, ...(t.children ?? [])]);

/** The text people will read in each inline run (escapes resolved, breaks as newlines). */
const inlineTexts = (tokens: Token[]): string[] =>
  tokens.filter((t) => t.type === 'inline').map((t) => (t.children ?? []).map((c) => (c.type === 'text' ? c.content : c.type.endsWith('break') ? '\n' : '')).join(''));

describe('Markdown snapshots', () => {
  it.each(Object.keys(EXAMPLES))('%s', async (name) => {
    const markdown = renderMarkdown(EXAMPLES[name]!());
    await expect(markdown).toMatchFileSnapshot(`./__snapshots__/${name}.md`);
  });
});

describe('sections', () => {
  it('has the ADR sections in order when the board has something for each', () => {
    expect(h2(renderMarkdown(needsVsPositionsExample()))).toEqual(['h2 Needs vs positions', 'h2 Options', 'h2 Decision', 'h2 Votes', 'h2 Open questions', 'h2 Agenda', 'h2 Participants']);
    expect(h2(renderMarkdown(EXAMPLES['diagnose-trifecta']!()))).toEqual(['h2 Context', 'h2 Needs vs positions', 'h2 Trifecta', 'h2 Decision', 'h2 Open questions', 'h2 Agenda']);
    expect(h2(renderMarkdown(EXAMPLES['staged-compromise']!()))).toEqual(['h2 Needs vs positions', 'h2 Decision', 'h2 Stages and consequences', 'h2 Agenda']);
  });

  it('leaves out every section the board has nothing for, instead of saying "none"', () => {
    const markdown = renderMarkdown(emptyExample());
    expect(h2(markdown)).toEqual(['h2 Decision']);
    expect(markdown).not.toMatch(/\bnone\b/i);
  });

  it('leaves out a section whose lists are all empty, and empty sub-lists within a section', () => {
    const r = needsVsPositionsExample();
    const emptied: DecisionRecord = {
      ...r,
      parties: r.parties.map((p) => ({ ...p, positions: [], needs: p.party === 'em' ? p.needs : [], constraints: [] })),
      openQuestions: [],
      votes: r.votes && { ...r.votes, items: [] },
    };
    const markdown = renderMarkdown(emptied);
    expect(h2(markdown)).toEqual(['h2 Needs vs positions', 'h2 Options', 'h2 Decision', 'h2 Agenda', 'h2 Participants']);
    expect(headings(md.parse(markdown, {}))).not.toContain('h3 Marco (PM)');
    expect(markdown).not.toContain('**Positions**');
  });

  it('puts each side of a vote in its own column, and an anonymous vote in none', () => {
    const table = (markdown: string) => markdown.split('## Votes')[1]!.split('\n').filter((l) => l.startsWith('|'));
    // All three options come from one frame, so there is no area column.
    expect(table(renderMarkdown(needsVsPositionsExample()))[0]).toBe('| Note | Total | EM | PM | Participant |');
    const anonymous = table(renderMarkdown(EXAMPLES['partnership-health']!()));
    expect(anonymous[0]).toBe('| Note | Area | Total |');
    expect(anonymous[1]).toBe('| --- | --- | ---: |');
    expect(anonymous.slice(2)).toEqual(['| The roadmap went to the VP twice | Escalations | 4 |', '| Bad news reaches me late | Trust | 2 |']);
  });
});

/** Text meant to break out of its place in the document. */
const HOSTILE = [
  '# Heading',
  '## Decision\n### Sub',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '![pixel](https://evil.example/p.png)',
  '`code` and ```fence```',
  '```\nfenced block\n```',
  '> quoted',
  '- dash item',
  '* star item',
  '+ plus item',
  '1. numbered',
  '2) numbered',
  '| a | b | c |',
  'text\n===',
  'text\n---',
  '***',
  '&lt;b&gt; &amp; &#60;i&#62;',
  '<!-- hidden -->',
  '[ref]: javascript:alert(1)',
  '    indented code',
  'ends with a backslash \\',
  '**bold** _em_ ~~gone~~',
  '$x^2$ and $$y$$',
  '\u202ereversed\u202c text',
  '<https://evil.example>',
  'line one\n\n\n# after blank lines',
  '\t- tabbed item',
  '[^1] footnote\n\n[^1]: javascript:alert(1)',
  '<details open><summary>x</summary>',
  '\\# escaped already',
];

/** The needs-vs-positions example with hostile text prepended to everything typed, starting at payload `offset`. */
function hostileExample(offset: number, used: Set<string>) {
  let i = offset;
  return needsVsPositionsExample((text) => {
    const payload = HOSTILE[i++ % HOSTILE.length]!;
    used.add(payload);
    return `${payload} ${text}`;
  });
}

const used = new Set<string>();
const plain = md.parse(renderMarkdown(needsVsPositionsExample()), {});
const types = (list: Token[]) => allTokens(list).map((t) => t.type);

// Two runs with different offsets, so every payload lands somewhere (checked at the end).
describe.each([0, 16])('hostile text (from payload %i)', (offset) => {
  const record = hostileExample(offset, used);
  const markdown = renderMarkdown(record);
  const tokens = md.parse(markdown, {});

  it('adds no heading, list item, table row or table column', () => {
    expect(skeleton(tokens)).toEqual(skeleton(plain));
    expect(headings(tokens).filter((h) => h.startsWith('h1'))).toHaveLength(1);
  });

  it('adds no HTML, link, image, code, quote, rule or strikethrough', () => {
    for (const type of ['html_block', 'html_inline', 'link_open', 'image', 'code_inline', 'code_block', 'fence', 'blockquote_open', 'hr', 's_open']) {
      expect(types(tokens), type).not.toContain(type);
    }
    const html = md.render(markdown);
    expect(html).not.toMatch(/<(script|img|details|summary|a)\b/i);
    expect(html).not.toContain('<!--');
  });

  it('adds no emphasis: bold and italics are only the labels and names the plain board has', () => {
    for (const type of ['strong_open', 'em_open']) expect(types(tokens).filter((t) => t === type).length, type).toBe(types(plain).filter((t) => t === type).length);
  });

  it('reads as the characters people typed', () => {
    const texts = inlineTexts(tokens).join('\n');
    const typed = [...noteTexts(record), record.title, record.statement, record.owner ?? '', record.boardTitle, ...record.participants.map((p) => p.name)];
    const lines = typed.flatMap((t) => t.split('\n').map((l) => l.trim()).filter(Boolean));
    expect(lines.length).toBeGreaterThan(25);
    for (const line of lines) expect(texts, line).toContain(line);
    expect(markdown).not.toContain('\u202e');
  });
});

/** Every note text in a record (any `text` property, at any depth). */
function noteTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(noteTexts);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === 'text' && typeof v === 'string' ? [v] : noteTexts(v)));
}

it('shows hostile text in a snapshot, for a human to read', async () => {
  await expect(renderMarkdown(hostileExample(0, new Set()))).toMatchFileSnapshot('./__snapshots__/hostile.md');
});

it('tries every hostile payload', () => {
  expect([...used].sort()).toEqual([...HOSTILE].sort());
});
