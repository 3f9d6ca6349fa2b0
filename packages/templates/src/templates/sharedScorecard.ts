import type { TLShapeId } from 'tldraw';
import { buildWithHeader } from '../build.ts';
import { AREA_COLORS, type ResolvedOptions } from '../options.ts';
import { addArea, LAYOUT, type Body, type Sheet } from '../sheet.ts';
import type { AreaKind, Template } from '../types.ts';
import type { TLDefaultColorStyle } from 'tldraw';

const OUTCOMES: { topic: string; name: string; prompt: string }[] = [
  { topic: 'delivery', name: 'Delivery', prompt: 'What do we ship, and how predictably? Agree what good means.' },
  { topic: 'impact', name: 'Impact', prompt: 'Which user or business results show the work mattered?' },
  { topic: 'team-health', name: 'Team health', prompt: 'How should the team feel and work: load, on-call, growth?' },
];

const COLUMNS: { kind: AreaKind; name: string; color: TLDefaultColorStyle; prompt?: string }[] = [
  { kind: 'shared-outcome', name: 'Good looks like', color: AREA_COLORS.shared },
  { kind: 'evidence', name: 'Evidence', color: AREA_COLORS.neutral, prompt: 'Facts you both accept: numbers, dates, quotes.' },
  { kind: 'gap', name: 'Gaps', color: AREA_COLORS.tension, prompt: 'Where do we fall short? What will we change, together?' },
];

/** Shared scorecard: a row per shared outcome (delivery, impact, team health) with the bar, the evidence and the gaps. */
export function layoutSharedScorecard(sheet: Sheet, _o: ResolvedOptions, x: number, y: number): Body {
  const { cellW: w, cellH: h, gapX, gapY } = LAYOUT;
  const byKind = new Map<AreaKind, TLShapeId[]>();
  OUTCOMES.forEach((outcome, r) => {
    COLUMNS.forEach((col, c) => {
      const id = addArea(sheet, {
        key: `${outcome.topic}-${col.kind}`,
        x: x + c * (w + gapX),
        y: y + r * (h + gapY),
        w,
        h,
        name: `${outcome.name} · ${col.name}`,
        color: col.color,
        kind: col.kind,
        topic: outcome.topic,
        prompt: col.prompt ?? outcome.prompt,
      });
      byKind.set(col.kind, [...(byKind.get(col.kind) ?? []), id]);
    });
  });
  const ids = (kind: AreaKind) => byKind.get(kind) ?? [];
  return {
    w: COLUMNS.length * (w + gapX) - gapX,
    h: OUTCOMES.length * (h + gapY) - gapY,
    agenda: [
      {
        id: 'scorecard-define',
        title: 'Define good',
        goal: 'One bar per shared outcome that both of you would be rated against.',
        minutes: 10,
        prompt: 'Fill the first column together, one outcome at a time. Write it so a third person could judge it.',
        pitfall: 'Splitting the card: delivery for the EM, impact for the PM.',
        areaIds: ids('shared-outcome'),
      },
      {
        id: 'scorecard-evidence',
        title: 'Bring evidence',
        goal: 'Each outcome is backed by facts both of you accept.',
        minutes: 10,
        prompt: 'Add evidence notes. Question anything only one of you believes.',
        pitfall: 'A single anecdote standing in for a trend.',
        areaIds: ids('evidence'),
      },
      {
        id: 'scorecard-gaps',
        title: 'Own the gaps',
        goal: 'Each shortfall has a change you will make together.',
        minutes: 10,
        prompt: 'For every gap, write the change and how the two of you will share it.',
        pitfall: 'A gap that only one of you owns. The rating is shared; so is the fix.',
        areaIds: ids('gap'),
      },
    ],
  };
}

function ratedTogether(o: ResolvedOptions): string {
  const names = o.parties.map((p) => o.labels[p]);
  return names.length > 2 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}` : names.join(' and ');
}

/** The shared-scorecard template. */
export const sharedScorecard: Template = {
  id: 'shared-scorecard',
  title: 'Shared scorecard',
  description: 'The outcomes EM and PM are rated on together (delivery, impact, team health), each with evidence.',
  kind: 'method',
  options: { parties: true, includeBusiness: true, stages: false },
  build: (options) =>
    buildWithHeader(
      {
        id: 'shared-scorecard',
        slug: 'scorecard',
        title: 'Shared scorecard',
        describe: (o) => `What ${ratedTogether(o)} are rated on together, and the evidence for each. One card, one rating.`,
      },
      options,
      layoutSharedScorecard,
    ),
};
