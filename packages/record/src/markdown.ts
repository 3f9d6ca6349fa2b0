import { isTemplateId, templateTitle } from '@accord/templates';
import { SIDE_LABELS, areaBlocks, bullets, demote, labelled, mixedAreas, plural, planTable, section, sideOf, table, type Block } from './blocks.ts';
import { cell, inline, listItem, paragraphs } from './escape.ts';
import type { DecisionRecord, PlacedNote } from './types.ts';

// The record as an architecture decision record that reads well on GitHub. Sections with nothing
// on the board are left out. Every piece of board text goes through escape.ts.

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

function supersedes(r: DecisionRecord): Block {
  const ref = r.supersedes;
  if (!ref) return null;
  const where = ref.boardId === r.boardId ? 'of this board' : `of board ${inline(ref.boardId)}`;
  return `**Supersedes** record #${ref.seq} ${where}: ${inline(ref.title) || 'untitled'}.`;
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

/**
 * @internal The context section of the ADR renderings (adrTools.ts, madr.ts): where the record
 * comes from, the diagnosis (its `### Context` named `### Diagnosis`, since the section is itself
 * the context), trifecta, scorecard, interesting work, retrospective and open questions. With
 * `needsAndOptions`, also needs vs positions and the options — MADR gives those their own sections.
 */
export function adrContext(r: DecisionRecord, heading: string, { needsAndOptions }: { needsAndOptions: boolean }): Block {
  return section(heading, [
    provenance(r),
    demote(context(r))?.replace(/^### Context$/m, '### Diagnosis') ?? null,
    needsAndOptions ? demote(needsVsPositions(r)) : null,
    demote(trifecta(r)),
    demote(scorecard(r)),
    demote(interestingWork(r)),
    demote(section('## Retrospective', areaBlocks(r.retro, 'Notes'))),
    needsAndOptions && r.options.length ? `### Options\n\n${r.options.map((o) => `- ${listItem(o.text)}`).join('\n')}` : null,
    demote(openQuestions(r)),
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

/** @internal shared with the other renderings: each voted note's total, by shape id. */
export function votesFor(r: DecisionRecord): Map<string, number> {
  return new Map((r.votes?.items ?? []).map((v) => [v.id, v.total]));
}

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

/** @internal shared with the other renderings. */
export function stages(r: DecisionRecord): Block {
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

/** @internal shared with the other renderings. */
export function votes(r: DecisionRecord): Block {
  const v = r.votes;
  if (!v?.items.length) return null;
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

/** @internal shared with the other renderings. */
export function agenda(r: DecisionRecord): Block {
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

/** @internal shared with the other renderings. */
export function participants(r: DecisionRecord): Block {
  if (!r.participants.length) return null;
  const line = (p: DecisionRecord['participants'][number]) => `- **${inline(p.name)}** — ${[inline(p.role), p.partyLabel ? inline(p.partyLabel) : null].filter(Boolean).join(', ')}`;
  return `## Participants\n\n${r.participants.map(line).join('\n')}`;
}

/**
 * The record as Markdown: title, a status line (date, owner, review date), the record it
 * supersedes, then Context, Needs vs
 * positions, Trifecta, Shared scorecard, Interesting work, Retrospective, Options, Decision, Stages
 * and consequences, Votes, Open questions, Other notes, Agenda, Participants and Informed. Sections with
 * nothing on the board are left out. Board text is escaped so it reads literally and cannot add
 * headings, HTML, links, code or table columns. Pure and deterministic; ends with a newline.
 */
export function renderMarkdown(record: DecisionRecord): string {
  const r = record;
  const blocks: Block[] = [
    `# ${inline(r.title) || 'Decision'}`,
    statusLine(r),
    provenance(r),
    supersedes(r),
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
    r.informed?.length ? `## Informed\n\n${r.informed.map((n) => `- ${inline(n)}`).join('\n')}` : null,
  ];
  return `${blocks.filter((b): b is string => !!b).join('\n\n')}\n`;
}
