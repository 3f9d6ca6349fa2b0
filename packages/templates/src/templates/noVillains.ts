import type { TLShapeId } from 'tldraw';
import { buildWithHeader } from '../build.ts';
import type { ResolvedOptions } from '../options.ts';
import { addArea, addArrow, LAYOUT, type Body, type Sheet } from '../sheet.ts';
import type { AreaKind, Template } from '../types.ts';
import type { TLDefaultColorStyle } from 'tldraw';

const STEPS: { kind: AreaKind; key: string; name: string; color: TLDefaultColorStyle; prompt: string }[] = [
  { kind: 'story', key: 'story', name: "The story I'm telling", color: 'red', prompt: "The frustrated version, as you'd tell a friend. Get it out of your head." },
  { kind: 'constraint', key: 'constraints', name: 'Constraints they may face', color: 'grey', prompt: 'What pressures could explain the same behaviour? List several.' },
  { kind: 'evaluation', key: 'evaluation', name: "How they're judged", color: 'grey', prompt: 'What are they measured on, and what would a win look like to them?' },
  { kind: 'question', key: 'question', name: "The question I'll ask", color: 'yellow', prompt: 'One open question to ask them. Curious, not loaded.' },
];

/**
 * No villains: four areas left to right, joined by arrows: the story I'm telling, constraints
 * they might be under, how they are judged, and the question I'll ask them.
 */
export function layoutNoVillains(sheet: Sheet, _o: ResolvedOptions, x: number, y: number): Body {
  const { cellW: w, arrowGap } = LAYOUT;
  const h = 560;
  const frames: { id: TLShapeId; x: number; y: number; w: number; h: number }[] = [];
  STEPS.forEach((step, i) => {
    const fx = x + i * (w + arrowGap);
    frames.push({ id: addArea(sheet, { key: step.key, x: fx, y, w, h, name: step.name, color: step.color, kind: step.kind, prompt: step.prompt }), x: fx, y, w, h });
  });
  for (let i = 1; i < frames.length; i++) {
    const from = frames[i - 1];
    const to = frames[i];
    if (from && to) addArrow(sheet, `arrow-${i}`, from, to);
  }
  const id = (i: number) => frames[i]?.id ?? [];
  return {
    w: STEPS.length * (w + arrowGap) - arrowGap,
    h,
    agenda: [
      {
        id: 'villains-story',
        title: 'Tell the story',
        goal: 'The unfair version is out where everyone can look at it.',
        minutes: 5,
        prompt: 'Three minutes of private writing, then share only what you choose to.',
        pitfall: 'Polishing the story so it sounds reasonable.',
        areaIds: [id(0)].flat(),
      },
      {
        id: 'villains-constraints',
        title: 'Find other explanations',
        goal: 'Several constraints and incentives that could explain the same behaviour.',
        minutes: 10,
        prompt: 'For each story, add two constraints and one way they are judged that would explain it.',
        pitfall: "Sarcastic constraints: 'maybe they just love meetings'.",
        areaIds: [id(1), id(2)].flat(),
      },
      {
        id: 'villains-question',
        title: 'Pick the question',
        goal: 'One question each person will take back to the other side.',
        minutes: 5,
        prompt: 'Everyone writes one question; vote for the one to ask first.',
        pitfall: 'An accusation with a question mark at the end.',
        areaIds: [id(3)].flat(),
      },
    ],
  };
}

/** The no-villains template. */
export const noVillains: Template = {
  id: 'no-villains',
  title: 'No villains',
  description: 'Trade the story about a bad actor for constraints and incentives, and leave with one question to ask.',
  kind: 'method',
  options: { parties: false, includeBusiness: false, stages: false },
  build: (options) =>
    buildWithHeader(
      {
        id: 'no-villains',
        slug: 'villains',
        title: 'No villains',
        describe: () => 'Nobody here is a villain, just people with pressures we may not see. Work left to right, from the story to a question.',
      },
      options,
      layoutNoVillains,
    ),
};
