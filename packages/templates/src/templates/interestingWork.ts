import type { TLShapeId } from 'tldraw';
import { buildWithHeader } from '../build.ts';
import { AREA_COLORS, PARTY_COLORS, type ResolvedOptions } from '../options.ts';
import { addArea, LAYOUT, type Body, type Sheet } from '../sheet.ts';
import type { Template } from '../types.ts';

const FACETS: { topic: string; name: string; prompt: string }[] = [
  { topic: 'autonomy', name: 'Autonomy', prompt: 'Where do they want more say in how the work gets done?' },
  { topic: 'complexity', name: 'Complexity', prompt: 'Which hard problems would they enjoy cracking?' },
  { topic: 'learning', name: 'Learning', prompt: 'Which skills do they want to grow this quarter?' },
  { topic: 'impact', name: 'Impact', prompt: 'Which results would they be proud to point at?' },
  { topic: 'novelty', name: 'Novelty', prompt: 'Which new tools or areas are they curious about?' },
];

/**
 * Interesting work: what "interesting" means to the team (five facets across the top), the
 * business priorities along the bottom, and the overlap between them in the middle.
 */
export function layoutInterestingWork(sheet: Sheet, _o: ResolvedOptions, x: number, y: number): Body {
  const { cellW: w, cellH: h, gapX, gapY } = LAYOUT;
  const totalW = FACETS.length * (w + gapX) - gapX;
  const facets: TLShapeId[] = FACETS.map((f, i) =>
    addArea(sheet, { key: `facet-${f.topic}`, x: x + i * (w + gapX), y, w, h, name: `Interesting · ${f.name}`, color: PARTY_COLORS.em, kind: 'interesting', topic: f.topic, prompt: f.prompt }),
  );
  const overlapY = y + h + gapY;
  const overlap = addArea(sheet, {
    key: 'overlap',
    x,
    y: overlapY,
    w: totalW,
    h,
    name: 'Where they overlap',
    color: AREA_COLORS.shared,
    kind: 'overlap',
    prompt: 'Work that moves a priority below AND feeds a facet above. Note which facet.',
  });
  const prioritiesY = overlapY + h + gapY;
  const priorities = addArea(sheet, {
    key: 'priorities',
    x,
    y: prioritiesY,
    w: totalW,
    h,
    name: 'Business priorities',
    color: PARTY_COLORS.business,
    kind: 'priority',
    prompt: 'What has to ship or move this quarter? One per note, most important first.',
  });
  return {
    w: totalW,
    h: prioritiesY + h - y,
    agenda: [
      {
        id: 'interesting-facets',
        title: "Unpack 'interesting'",
        goal: 'The team’s need for interesting work is visible and specific.',
        minutes: 10,
        prompt: 'The EM shares what the team has asked for; sort each ask into one of the five facets.',
        pitfall: "Reading 'interesting' as 'new technology' and nothing else.",
        areaIds: facets,
      },
      {
        id: 'interesting-priorities',
        title: 'List the priorities',
        goal: 'The business must-dos for the period are on the table, in order.',
        minutes: 5,
        prompt: 'The PM lists what has to move, one per note, most important first.',
        pitfall: 'Priorities written as features instead of outcomes.',
        areaIds: [priorities],
      },
      {
        id: 'interesting-overlap',
        title: 'Find the overlap',
        goal: 'Business work the team would also find interesting, each linked to a facet.',
        minutes: 15,
        prompt: 'Take each priority in turn: which facet could it feed? A framework, a hard problem, a skill?',
        pitfall: 'Promising novelty the plan cannot afford.',
        areaIds: [overlap, ...facets, priorities],
      },
    ],
  };
}

/** The interesting-work template. */
export const interestingWork: Template = {
  id: 'interesting-work',
  title: 'Interesting work',
  description: "What 'interesting' means to the team, set against the business priorities, and where the two meet.",
  kind: 'method',
  options: { parties: false, includeBusiness: false, stages: false },
  build: (options) =>
    buildWithHeader(
      {
        id: 'interesting-work',
        slug: 'interesting',
        title: 'Interesting work',
        describe: () => "Make the team's need for interesting work visible, then look for it inside what the business needs done.",
      },
      options,
      layoutInterestingWork,
    ),
};
