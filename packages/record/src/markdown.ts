import { DEFAULT_PARTY_LABELS, isTemplateId, templateTitle } from '@accord/templates';
import { cell, inline, listItem, paragraphs } from './escape.ts';
import type { DecisionRecord, PlacedNote, PlanItem, RecordArea, RecordNote, VoteSide } from './types.ts';

// The record as an architecture decision record that reads well on GitHub. Sections with nothing
// on the board are left out. Every piece of board text goes through escape.ts.

const SIDE_LABELS: Record<VoteSide, string> = { ...DEFAULT_PARTY_LABELS, facilitator: 'Facilitator', participant: 'Participant', other: 'Other' };

type Block = string | null;

const bullet = (text: string): string => `- ${listItem(text)}`;
const bullets = (notes: readonly RecordNote[]): string => notes.map((n) => bullet(n.text)).join('\n');
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A bold label over a list of notes; null when there are none. */
function labelled(label: string, notes: readonly RecordNote[]): Block {
  return notes.length ? `**${inline(label)}**\n\n${bullets(notes)}` : null;
}

/** A section: its heading and the blocks that are not empty; null when every block is. */
function section(heading: string, blocks: readonly Block[]): Block {
  const body = blocks.filter((b): b is string => !!b);
  return body.length ? [heading, ...body].join('\n\n') : null;
}

const areaBlocks = (areas: readonly RecordArea[], fallback: string): Block[] => areas.map((a) => labelled(a.label ?? fallback, a.notes));

function statusLine(r: DecisionRecord): string {
  const parts = ['**Status:** Decided', `**Date:** ${r.recordedAt.slice(0, 10)}`];
  if (r.owner) parts.push(`**Owner:** ${inline(r.owner)}`);
  if (r.reviewDate) parts.push(`**Review by:** ${r.reviewDate}`);
  return parts.join(' · ');
}

function provenance(r: DecisionRecord): string {
  const names = r.templates.map((t) => (isTemplateId(t) ? templateTitle(t) : t));
  const board = r.boardTitle ? `the board **${inline(r.boardTitle)}**` : 'the board';
  return `Recorded from ${board} at ${r.recordedAt.slice(11, 16)} UTC${names.length ? ` (templates: ${inline(names.join(', '))})` : ''}.`;
}

function context(r: DecisionRecord): Block {
  const d = r.diagnosis;
  if (!d) return null;
  return section('## Context', [
    d.incentives.length ? section('### Incentives', areaBlocks(d.incentives, 'Incentives')) : null,
    d.perspectives.length ? section('### Other explanations', areaBlocks(d.perspectives, 'Perspectives')) : null,
    d.verdict.length ? `### Verdict\n\n${bullets(d.verdict)}` : null,
  ]);
}

function needsVsPositions(r: DecisionRecord): Block {
  return section(
    '## Needs vs positions',
    r.parties.map((p) => section(`### ${inline(p.label)}`, [labelled('Positions', p.positions), labelled('Needs', p.needs), labelled('Constraints', p.constraints)])),
  );
}

function trifecta(r: DecisionRecord): Block {
  const t = r.trifecta;
  if (!t) return null;
  return section('## Trifecta', [
    ...t.corners.map((c) => section(`### ${inline(c.label)}`, [labelled('Judged on', c.judgedOn), labelled('Success looks like', c.success)])),
    t.tensions.length ? section('### Tensions', areaBlocks(t.tensions, 'Tension')) : null,
    t.sharedOutcomes.length ? `### Shared outcomes\n\n${bullets(t.sharedOutcomes)}` : null,
  ]);
}

function scorecard(r: DecisionRecord): Block {
  return section(
    '## Shared scorecard',
    r.scorecard.map((row) => section(`### ${inline(row.label)}`, [labelled('Good looks like', row.goodLooksLike), labelled('Evidence', row.evidence), labelled('Gaps', row.gaps)])),
  );
}

function interestingWork(r: DecisionRecord): Block {
  const w = r.interestingWork;
  if (!w) return null;
  return section('## Interesting work', [
    w.facets.length ? section('### What makes the work interesting', areaBlocks(w.facets, 'Interesting work')) : null,
    w.priorities.length ? `### Business priorities\n\n${bullets(w.priorities)}` : null,
  ]);
}

function votesFor(r: DecisionRecord): Map<string, number> {
  return new Map((r.votes?.items ?? []).map((v) => [v.id, v.total]));
}

/** True when the notes come from more than one area, so saying which one helps. */
const mixedAreas = (notes: readonly { area: string | null }[]): boolean => new Set(notes.map((n) => n.area)).size > 1;

function options(r: DecisionRecord): Block {
  if (!r.options.length) return null;
  const votes = votesFor(r);
  const withArea = mixedAreas(r.options);
  const line = (o: PlacedNote) => {
    const extras = [withArea && o.area ? `*${inline(o.area)}*` : null, votes.has(o.id) ? plural(votes.get(o.id) ?? 0, 'vote') : null].filter(Boolean);
    return `- ${listItem(o.text)}${extras.length ? ` — ${extras.join(' · ')}` : ''}`;
  };
  return `## Options\n\n${r.options.map(line).join('\n')}`;
}

/** A GFM table; every cell already escaped. */
function table(head: readonly string[], align: readonly ('left' | 'right')[], rows: readonly (readonly string[])[]): string {
  const rule = align.map((a) => (a === 'right' ? '---:' : '---'));
  return [head, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** The side a stage note belongs to: its area label without the stage (`Priya (EM) · Stage 2` → `Priya (EM)`). */
const sideOf = (item: PlanItem): string => (item.area ?? '').replace(/(^| · )Stage \d+$/, '');

/** Plan items as a table, with owner and due columns only when some item names them. */
function planTable(items: readonly PlanItem[], lead: { head: string; value: (item: PlanItem) => string }[], what: string): string {
  const owners = items.some((i) => i.owner);
  const dues = items.some((i) => i.due);
  const head = [...lead.map((l) => l.head), what, ...(owners ? ['Owner'] : []), ...(dues ? ['Due'] : [])];
  const rows = items.map((i) => [...lead.map((l) => l.value(i)), cell(i.text), ...(owners ? [i.owner ? cell(i.owner) : ''] : []), ...(dues ? [i.due ?? ''] : [])]);
  return table(head, head.map(() => 'left'), rows);
}

function stages(r: DecisionRecord): Block {
  const s = r.stages;
  if (!s) return null;
  const steps = s.steps.flatMap((step) => step.items.map((item) => ({ stage: step.stage, item })));
  const stageOf = new Map(steps.map(({ stage, item }) => [item.id, stage]));
  const actions = s.actions.some((a) => a.owner || a.due) ? planTable(s.actions, [], 'Change') : bullets(s.actions);
  return section('## Stages and consequences', [
    labelled('Shared outcome', s.sharedOutcome),
    steps.length
      ? planTable(
          steps.map((x) => x.item),
          [
            { head: 'Stage', value: (i) => String(stageOf.get(i.id) ?? '') },
            { head: 'Side', value: (i) => cell(sideOf(i)) },
          ],
          'Step',
        )
      : null,
    s.actions.length ? `### Changes to make\n\n${actions}` : null,
  ]);
}

function votes(r: DecisionRecord): Block {
  const v = r.votes;
  if (!v || !v.items.length) return null;
  const round = v.round;
  const facts = [
    round.open ? 'revealed, still open when recorded' : 'closed',
    round.voters !== null ? plural(round.voters, 'voter') : null,
    round.anonymous ? 'anonymous: totals only' : null,
    round.ignoredBallots ? `${plural(round.ignoredBallots, 'ballot')} over the round's limits left out` : null,
  ].filter(Boolean);
  const withArea = mixedAreas(v.items);
  const head = ['Note', ...(withArea ? ['Area'] : []), 'Total', ...v.sides.map((side) => SIDE_LABELS[side])];
  const rows = v.items.map((i) => [cell(i.text), ...(withArea ? [i.area ? cell(i.area) : ''] : []), String(i.total), ...v.sides.map((side) => String(i.bySide?.[side] ?? 0))]);
  const align = head.map((_, k) => (k >= (withArea ? 2 : 1) ? 'right' : 'left') as 'left' | 'right');
  const votesTable = table(head, align, rows);
  return `## Votes\n\nLatest round (${facts.join('; ')}).\n\n${votesTable}`;
}

function openQuestions(r: DecisionRecord): Block {
  if (!r.openQuestions.length) return null;
  return `## Open questions\n\n${r.openQuestions.map((q) => `- ${listItem(q.text)}${q.area ? ` — *${inline(q.area)}*` : ''}`).join('\n')}`;
}

function agenda(r: DecisionRecord): Block {
  const a = r.agenda;
  if (!a) return null;
  const multi = new Set(a.steps.map((s) => s.agenda)).size > 1;
  const line = (s: (typeof a.steps)[number], i: number) => {
    const title = multi && s.agenda ? `${s.agenda}: ${s.title}` : s.title;
    const extras = [s.minutes !== null ? `${s.minutes} min` : null, s.key === a.current ? '**current step when recorded**' : null].filter(Boolean);
    return `${i + 1}. ${inline(title)}${extras.length ? ` — ${extras.join(', ')}` : ''}`;
  };
  return `## Agenda\n\n${a.steps.map(line).join('\n')}`;
}

function participants(r: DecisionRecord): Block {
  if (!r.participants.length) return null;
  const line = (p: DecisionRecord['participants'][number]) => `- **${inline(p.name)}** — ${[inline(p.role), p.partyLabel ? inline(p.partyLabel) : null].filter(Boolean).join(', ')}`;
  return `## Participants\n\n${r.participants.map(line).join('\n')}`;
}

/**
 * The record as Markdown: title, a status line (date, owner, review date), then Context, Needs vs
 * positions, Trifecta, Shared scorecard, Interesting work, Retrospective, Options, Decision, Stages
 * and consequences, Votes, Open questions, Other notes, Agenda and Participants. Sections with
 * nothing on the board are left out. Board text is escaped so it reads literally and cannot add
 * headings, HTML, links, code or table columns. Pure and deterministic; ends with a newline.
 */
export function renderMarkdown(record: DecisionRecord): string {
  const r = record;
  const blocks: Block[] = [
    `# ${inline(r.title) || 'Decision'}`,
    statusLine(r),
    provenance(r),
    context(r),
    needsVsPositions(r),
    trifecta(r),
    scorecard(r),
    interestingWork(r),
    section('## Retrospective', areaBlocks(r.retro, 'Notes')),
    options(r),
    r.statement.trim() ? `## Decision\n\n${paragraphs(r.statement)}` : null,
    stages(r),
    votes(r),
    openQuestions(r),
    section('## Other notes', areaBlocks(r.otherNotes, 'Outside any frame')),
    agenda(r),
    participants(r),
  ];
  return `${blocks.filter((b): b is string => !!b).join('\n\n')}\n`;
}
