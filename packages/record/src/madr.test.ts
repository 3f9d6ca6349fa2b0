import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { MADR_SECTIONS, madrPeople, renderMadr } from './madr.ts';
import { NYGARD_SECTIONS, renderAdrTools } from './adrTools.ts';
import { BOARD, entry } from './test/log.ts';
import { EXAMPLES, needsVsPositionsExample, stagedCompromiseExample } from './test/examples.ts';
import type { DecisionRecord } from './types.ts';

// The MADR file is read by YAML parsers (front matter) and Markdown renderers (body): both are
// checked with real parsers, also on hostile text.

const md = new MarkdownIt({ html: true, linkify: false });

/** Splits a MADR file into its parsed front matter and its Markdown body. */
function split(file: string): { meta: Record<string, unknown>; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(file);
  if (!m) throw new Error('no front matter');
  return { meta: parseYaml(m[1]!) as Record<string, unknown>, body: file.slice(m[0].length) };
}

const headings = (body: string, tag: string) =>
  md.parse(body, {}).flatMap((t, i, all) => (t.type === 'heading_open' && t.tag === tag ? [all[i + 1]!.content] : []));

describe('MADR front matter', () => {
  it.each(Object.keys(EXAMPLES))('%s: parses as YAML with status, date, decision-makers, consulted and informed', (name) => {
    const { meta } = split(renderMadr(entry(1, EXAMPLES[name]!()), BOARD));
    expect(Object.keys(meta)).toEqual(['status', 'date', 'decision-makers', 'consulted', 'informed']);
    expect(meta.status).toBe('accepted');
    expect(meta.date).toBe('2025-03-04');
    for (const key of ['decision-makers', 'consulted', 'informed']) expect(Array.isArray(meta[key]), key).toBe(true);
  });

  it('names the trifecta and the owner as decision-makers, other participants as consulted, and who to inform', () => {
    const r = { ...needsVsPositionsExample(), informed: ['Dana (VP)', 'Eng leads'] };
    const { meta } = split(renderMadr(entry(1, r), BOARD));
    expect(meta).toMatchObject({ 'decision-makers': ['Priya (EM)', 'Marco (PM)', 'Priya and Marco'], consulted: ['Sam'], informed: ['Dana (VP)', 'Eng leads'] });
    // Sides labelled on the board count when no participant claimed them.
    expect(madrPeople(stagedCompromiseExample()).decisionMakers).toEqual(['Priya (EM)', 'Marco (PM)']);
  });

  it('says what supersedes the record', () => {
    const later = { boardId: BOARD.boardId, recordId: 'rec5abcdefgh', seq: 5, title: 'Rotate every sprint', recordedAt: '2025-04-01T10:00:00.000Z' };
    const other = { boardId: 'otherBoard01', recordId: 'zzzzzzzzzzzz', seq: null, title: null, recordedAt: '2025-05-01T10:00:00.000Z' };
    const file = renderMadr(entry(2, needsVsPositionsExample(), [later, other]), BOARD);
    expect(split(file).meta.status).toBe('superseded by ADR-0005, a record on board otherBoard01');
    expect(file).toContain('Superseded by [ADR-0005](0005-rotate-every-sprint.md) — Rotate every sprint; a record on another board (board otherBoard01, record zzzzzzzzzzzz, 2025-05-01).');
  });

  it('keeps hostile names and titles as values: nothing ends the front matter or adds a key', () => {
    const hostile = '"\n---\nstatus: rejected\n# x: [a, b]\n\u2028 &anchor *alias !!binary \\ \ud800';
    const base = needsVsPositionsExample();
    const r: DecisionRecord = {
      ...base,
      title: hostile,
      owner: hostile,
      participants: base.participants.map((p) => ({ ...p, name: `${p.name} ${hostile}` })),
      informed: [hostile, 'yes', '2025-01-01', 'null'],
    };
    const file = renderMadr(entry(1, r), BOARD);
    const { meta, body } = split(file);
    expect(Object.keys(meta)).toEqual(['status', 'date', 'decision-makers', 'consulted', 'informed']);
    const people = madrPeople(r);
    expect(meta['decision-makers']).toEqual(people.decisionMakers.map((n) => n.replace('\ud800', '\ufffd')));
    expect(meta.informed).toEqual([hostile.replace('\ud800', '\ufffd'), 'yes', '2025-01-01', 'null']);
    expect(headings(body, 'h1')).toHaveLength(1);
    expect(headings(body, 'h2').every((h) => (MADR_SECTIONS as readonly string[]).includes(h))).toBe(true);
  });
});

describe('MADR sections', () => {
  it.each(Object.keys(EXAMPLES))('%s: the MADR sections in order, the required ones always', (name) => {
    const { body } = split(renderMadr(entry(1, EXAMPLES[name]!()), BOARD));
    const h2 = headings(body, 'h2');
    const order = h2.map((h) => MADR_SECTIONS.indexOf(h as (typeof MADR_SECTIONS)[number]));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const required of ['Context and Problem Statement', 'Considered Options', 'Decision Outcome', 'More Information']) expect(h2).toContain(required);
    for (const h3 of headings(body, 'h3').filter((h) => h === 'Consequences' || h === 'Confirmation')) expect(MADR_SECTIONS).toContain(h3);
  });

  it('files needs as drivers, positions and options as considered options, votes by side and chain facts under More Information', () => {
    const file = renderMadr(entry(2, needsVsPositionsExample()), BOARD);
    const section = (name: string) => file.split(`## ${name}\n`)[1]!.split(/\n## /)[0]!;
    expect(section('Decision Drivers')).toContain('- Keep the team: two seniors are interviewing — *Priya (EM), need*');
    expect(section('Decision Drivers')).toContain('- The board reviews funding in June — *Marco (PM), constraint*');
    expect(section('Considered Options')).toContain('- Run 50 A/B experiments this quarter — *position of Marco (PM)*');
    expect(section('Considered Options')).toContain('- Batch experiments into a framework the team builds — *Options* (5 votes)');
    expect(section('Decision Outcome')).toContain('Chosen option: "Batch growth experiments into a framework the team builds"');
    expect(section('Decision Outcome')).toContain('The group reviews it on 2025-06-02.');
    const more = section('More Information');
    expect(more).toContain('| Note | Total | EM | PM | Participant |');
    expect(more).toContain('[Growth team](<https://accord.example/b/k3v9x2QpL7>)');
    expect(more).toContain(`Record hash (SHA-256): \`${'02'.repeat(32)}\``);
    expect(more).toContain(`Previous record hash: \`${'01'.repeat(32)}\``);
    expect(more).toContain('position 2 of 3');
  });

  it('puts the stages, with owner and date, and the review date under Confirmation', () => {
    const file = renderMadr(entry(1, { ...stagedCompromiseExample(), reviewDate: '2025-07-01' }), BOARD);
    const confirmation = file.split('### Confirmation\n')[1]!.split(/\n## /)[0]!;
    expect(confirmation).toContain('| Harden token refresh @priya 2025-04-15 | Stage 1 · Priya (EM) | priya | 2025-04-15 |');
    expect(confirmation).toContain('The group reviews it on 2025-07-01.');
    expect(file).toContain('### Consequences\n\nThe plan works towards this shared outcome:');
  });

  it('matches the snapshots', async () => {
    const later = { boardId: BOARD.boardId, recordId: 'rec3abcdefgh', seq: 3, title: 'Stage SSO differently', recordedAt: '2025-04-01T10:00:00.000Z' };
    await expect(renderMadr(entry(2, needsVsPositionsExample()), BOARD)).toMatchFileSnapshot('./__snapshots__/madr/needs-vs-positions.md');
    await expect(renderMadr(entry(1, stagedCompromiseExample(), [later]), BOARD)).toMatchFileSnapshot('./__snapshots__/madr/staged-compromise.md');
    const supersedes = { boardId: BOARD.boardId, recordId: 'rec1abcdefgh', seq: 1, title: 'Ship SSO in two stages' };
    await expect(renderAdrTools(entry(3, { ...stagedCompromiseExample(), supersedes }), BOARD)).toMatchFileSnapshot('./__snapshots__/adr-tools/staged-compromise.md');
  });
});

describe('adr-tools layout', () => {
  it('has the Nygard sections and the status lines adr-tools writes', () => {
    const supersedes = { boardId: BOARD.boardId, recordId: 'rec1abcdefgh', seq: 1, title: 'Ship SSO in two stages' };
    const later = { boardId: BOARD.boardId, recordId: 'rec4abcdefgh', seq: 4, title: 'Buy an SSO product' };
    const file = renderAdrTools(entry(3, { ...stagedCompromiseExample(), supersedes }, [{ ...later, recordedAt: '2025-05-01T00:00:00.000Z' }]), BOARD);
    expect(file.startsWith('# 3. Ship SSO in two stages\n\nDate: 2025-03-04\n\n## Status\n\n')).toBe(true);
    expect(headings(file, 'h2')).toEqual([...NYGARD_SECTIONS]);
    expect(file).toContain('Superseded by [4. Buy an SSO product](0004-buy-an-sso-product.md)');
    expect(file).toContain('Supersedes [1. Ship SSO in two stages](0001-ship-sso-in-two-stages.md)');
    expect(renderAdrTools(entry(1, stagedCompromiseExample()), BOARD)).toContain('## Status\n\nAccepted\n');
  });

  it('names a superseded record of another board by its board and ids', () => {
    const supersedes = { boardId: 'otherBoard01', recordId: 'zzzzzzzzzzzz', seq: 7, title: 'Old SSO plan' };
    expect(renderAdrTools(entry(1, { ...stagedCompromiseExample(), supersedes }), BOARD)).toContain('Supersedes ADR-0007 of board otherBoard01 — Old SSO plan (record zzzzzzzzzzzz)');
  });
});
