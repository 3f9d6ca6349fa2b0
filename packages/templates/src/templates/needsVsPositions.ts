import { buildWithHeader } from '../build.ts';
import { PARTY_COLORS, type ResolvedOptions } from '../options.ts';
import { addArea, LAYOUT, type Body, type Sheet } from '../sheet.ts';
import type { AreaKind, Template } from '../types.ts';
import type { TLShapeId } from 'tldraw';

const ROWS: { kind: AreaKind; name: string; prompt: string }[] = [
  { kind: 'position', name: 'Position', prompt: 'What do they ask for? Write the ask the way they put it.' },
  { kind: 'need', name: 'True need', prompt: 'Why does that ask matter to them? What would it get them?' },
  { kind: 'constraint', name: 'Hidden constraint', prompt: "What pressure are they under that the others can't see?" },
  { kind: 'question', name: 'Questions', prompt: 'Questions for them. Ask three to five before anyone proposes a fix.' },
];

/**
 * Needs vs positions: a column per party, rows for the stated position, the need under it, the
 * constraint nobody else sees, and the questions to ask first. Draws at (x, y) on `sheet`.
 */
export function layoutNeedsVsPositions(sheet: Sheet, o: ResolvedOptions, x: number, y: number): Body {
  const { cellW: w, cellH: h, gapX, gapY } = LAYOUT;
  const byKind = new Map<AreaKind, TLShapeId[]>();
  o.parties.forEach((party, col) => {
    ROWS.forEach((row, r) => {
      const id = addArea(sheet, {
        key: `${party}-${row.kind}`,
        x: x + col * (w + gapX),
        y: y + r * (h + gapY),
        w,
        h,
        name: `${o.labels[party]} · ${row.name}`,
        color: PARTY_COLORS[party],
        kind: row.kind,
        party,
        partyLabel: o.labels[party],
        prompt: row.prompt,
      });
      byKind.set(row.kind, [...(byKind.get(row.kind) ?? []), id]);
    });
  });
  const ids = (...kinds: AreaKind[]) => kinds.flatMap((k) => byKind.get(k) ?? []);
  return {
    w: o.parties.length * (w + gapX) - gapX,
    h: ROWS.length * (h + gapY) - gapY,
    agenda: [
      {
        id: 'needs-positions',
        title: 'Say the positions',
        goal: 'Every ask is on the board, worded the way its owner would say it.',
        minutes: 10,
        prompt: 'Each person writes their own ask, one per note. Read them out; no replies yet.',
        pitfall: 'Rebuttals starting while notes are still being written.',
        areaIds: ids('position'),
      },
      {
        id: 'needs-questions',
        title: 'Ask before solving',
        goal: 'Three to five questions per person, asked and answered, before any fix is floated.',
        minutes: 15,
        prompt: 'Go column by column. Ask, listen, note the question and the gist of the answer.',
        pitfall: "Proposals dressed up as questions: 'What if we just…?'",
        areaIds: ids('question'),
      },
      {
        id: 'needs-underneath',
        title: 'Find what sits underneath',
        goal: 'The need and the hidden pressure behind each position are written down.',
        minutes: 15,
        prompt: "For each ask, keep asking 'what would that get you?' until the answer stops changing.",
        pitfall: 'Writing the need you assume they have instead of the one they told you.',
        areaIds: ids('need', 'constraint'),
      },
    ],
  };
}

/** The needs-vs-positions template. */
export const needsVsPositions: Template = {
  id: 'needs-vs-positions',
  title: 'Needs vs positions',
  description: 'What each person asks for, what they actually need, and the questions to ask before proposing anything.',
  kind: 'method',
  options: { parties: true, includeBusiness: true, stages: false },
  build: (options) =>
    buildWithHeader(
      {
        id: 'needs-vs-positions',
        slug: 'needs',
        title: 'Needs vs positions',
        describe: () => 'Write what each person asks for, then what sits underneath it. Nobody proposes a fix until the questions row is full.',
      },
      options,
      layoutNeedsVsPositions,
    ),
};
