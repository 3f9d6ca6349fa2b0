import { DEFAULT_PARTY_LABELS } from '@accord/templates';
import { areaBlocks, demote, plural, section, sideOf, table, type Block } from './blocks.ts';
import { cell, inline, listItem, paragraphs } from './escape.ts';
import { followUpsOf, type FollowUp } from './followUps.ts';
import { frontMatter } from './frontMatter.ts';
import { adrFileName, adrLabel, isSuperseded, refMarkdown, statusText, supersederMarkdown, type LogBoard, type LogEntry } from './logEntry.ts';
import { adrContext, agenda, participants, votes, votesFor } from './markdown.ts';
import { PARTY_ORDER } from './sections.ts';
import type { DecisionRecord, PlacedNote } from './types.ts';

// A record as a MADR 4 file (Markdown Architectural Decision Records, https://adr.github.io/madr/):
// front matter (status, date, decision-makers, consulted, informed), then the template's
// sections, filled from what the board holds. Sections the board has nothing for are left out,
// except the three MADR requires. Board text is escaped exactly as in renderMarkdown.

/** The MADR section headings, in the template's order (Consequences and Confirmation sit under the outcome). */
export const MADR_SECTIONS = [
  'Context and Problem Statement',
  'Decision Drivers',
  'Considered Options',
  'Decision Outcome',
  'Consequences',
  'Confirmation',
  'Pros and Cons of the Options',
  'More Information',
] as const;

/** Who decided, who was asked, who is told — MADR's three lists. */
export interface MadrPeople {
  /** The trifecta: everyone who gave a side, as `Name (EM)`; sides named on the board but not by a participant; then the owner. */
  decisionMakers: string[];
  /** Everyone else who took part with write access. */
  consulted: string[];
  /** Who the recorder listed to keep informed (the board's viewers, by default). */
  informed: string[];
}

/** MADR's `decision-makers`, `consulted` and `informed` of a record. */
export function madrPeople(r: DecisionRecord): MadrPeople {
  const decisionMakers: string[] = [];
  const add = (name: string) => {
    if (name && !decisionMakers.some((d) => d.toLowerCase() === name.toLowerCase())) decisionMakers.push(name);
  };
  // By side (EM, PM, business), then by name as the record lists participants.
  const sided = r.participants.filter((p) => p.party).sort((a, b) => PARTY_ORDER.indexOf(a.party!) - PARTY_ORDER.indexOf(b.party!));
  for (const p of sided) add(`${p.name} (${p.partyLabel})`);
  // A side labelled on the board (`Priya (EM)`) that no participant claimed still decided.
  const labels = [...r.parties.map((p) => ({ party: p.party, label: p.label })), ...(r.trifecta?.corners ?? []).map((c) => ({ party: c.party, label: c.label }))];
  for (const { party, label } of labels) if (label !== DEFAULT_PARTY_LABELS[party] && !sided.some((p) => p.party === party)) add(label);
  if (r.owner) add(r.owner);
  const consulted = r.participants.filter((p) => !p.party).map((p) => p.name).filter((n) => !decisionMakers.includes(n));
  return { decisionMakers, consulted, informed: [...(r.informed ?? [])] };
}

const noteLine = (text: string, where: string | null): string => `- ${listItem(text)}${where ? ` — *${inline(where)}*` : ''}`;

function decisionDrivers(r: DecisionRecord): Block {
  const lines = r.parties.flatMap((p) => [...p.needs.map((n) => noteLine(n.text, `${p.label}, need`)), ...p.constraints.map((n) => noteLine(n.text, `${p.label}, constraint`))]);
  return lines.length ? `## Decision Drivers\n\n${lines.join('\n')}` : null;
}

function consideredOptions(r: DecisionRecord): string {
  const votes = votesFor(r);
  const option = (o: PlacedNote, where: string | null) => {
    const n = votes.get(o.id);
    return `${noteLine(o.text, where)}${n ? ` (${plural(n, 'vote')})` : ''}`;
  };
  const lines = [...r.parties.flatMap((p) => p.positions.map((o) => option(o, `position of ${p.label}`))), ...r.options.map((o) => option(o, o.area))];
  // MADR always lists what was chosen among the options; with none on the board, it stands alone.
  return `## Considered Options\n\n${lines.length ? lines.join('\n') : `- ${inline(r.title) || 'The decision recorded'}`}`;
}

function followUpTable(items: readonly FollowUp[]): string {
  const from = (f: FollowUp) => (f.kind === 'stage' ? `Stage ${f.stage}${f.area ? ` · ${cell(sideOf(f))}` : ''}` : 'Change to make');
  return table(['Follow-up', 'From', 'Owner', 'Due'], ['left', 'left', 'left', 'left'], items.map((f) => [cell(f.text), from(f), f.owner ? cell(f.owner) : '', f.due ?? '']));
}

function outcome(r: DecisionRecord, entry: LogEntry, board: LogBoard): string {
  const followUps = followUpsOf(r);
  const shared = r.stages?.sharedOutcome ?? [];
  const confirmation = [
    followUps.length ? `The decision holds when its follow-ups are done:\n\n${followUpTable(followUps)}` : null,
    r.reviewDate ? `The group reviews it on ${r.reviewDate}.` : null,
  ].filter(Boolean);
  return [
    '## Decision Outcome',
    `Chosen option: "${inline(r.title) || 'Decision'}", as the group put it:`,
    paragraphs(r.statement) || null,
    r.owner ? `Owner: ${inline(r.owner)}.` : null,
    r.supersedes ? `Supersedes ${refMarkdown(r.supersedes, board.boardId, 'madr')}.` : null,
    isSuperseded(entry) ? `Superseded by ${entry.supersededBy.map((s) => supersederMarkdown(s, 'madr')).join('; ')}.` : null,
    shared.length ? `### Consequences\n\nThe plan works towards this shared outcome:\n\n${shared.map((n) => `- ${listItem(n.text)}`).join('\n')}` : null,
    confirmation.length ? `### Confirmation\n\n${confirmation.join('\n\n')}` : null,
  ]
    .filter(Boolean)
    .join('\n\n');
}

function moreInformation(r: DecisionRecord, entry: LogEntry, board: LogBoard): string {
  const boardName = inline(board.boardTitle || r.boardTitle) || 'the board';
  const facts = [
    `- Board: ${board.boardUrl ? `[${boardName}](<${board.boardUrl}>)` : boardName} (id ${inline(board.boardId)})`,
    `- Record ${inline(entry.id)}, ${adrLabel(entry.seq)}: position ${entry.seq} of ${board.chainLength} in the board's hash chain`,
    `- Record hash (SHA-256): \`${entry.hash}\``,
    `- Previous record hash: ${entry.prevHash ? `\`${entry.prevHash}\`` : 'none (first record)'}`,
    `- As JSON: [${adrFileName(entry.seq, r.title, 'json')}](${adrFileName(entry.seq, r.title, 'json')}) (schema \`urn:accord:decision-record:1\`)`,
  ];
  return [
    '## More Information',
    facts.join('\n'),
    demote(votes(r)),
    demote(section('## Other notes', areaBlocks(r.otherNotes, 'Outside any frame'))),
    demote(agenda(r)),
    demote(participants(r)),
  ]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * A record as a MADR 4 file: front matter (`status`, `date`, `decision-makers`, `consulted`,
 * `informed`), then Context and Problem Statement, Decision Drivers (each side's needs and
 * constraints), Considered Options (positions and options), Decision Outcome with Consequences and
 * Confirmation (follow-ups and review date), and More Information (votes by side, board link,
 * record hash and chain position). Pros and Cons of the Options is left out: the board holds no
 * pros and cons. Pure; ends with a newline.
 */
export function renderMadr(entry: LogEntry, board: LogBoard): string {
  const r = entry.decision;
  const people = madrPeople(r);
  const blocks: Block[] = [
    frontMatter([
      ['status', statusText(entry)],
      ['date', { day: r.recordedAt.slice(0, 10) }],
      ['decision-makers', people.decisionMakers],
      ['consulted', people.consulted],
      ['informed', people.informed],
    ]),
    `# ${inline(r.title) || 'Decision'}`,
    adrContext(r, '## Context and Problem Statement', { needsAndOptions: false }),
    decisionDrivers(r),
    consideredOptions(r),
    outcome(r, entry, board),
    moreInformation(r, entry, board),
  ];
  return `${blocks.filter((b): b is string => !!b).join('\n\n')}\n`;
}
