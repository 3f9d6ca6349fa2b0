import type { TLShapeId } from 'tldraw';
import { buildWithHeader } from '../build.ts';
import { AREA_COLORS, PARTY_COLORS, type ResolvedOptions } from '../options.ts';
import { addArea, addHeading, LAYOUT, type Body, type Sheet } from '../sheet.ts';
import type { Template } from '../types.ts';

/**
 * Diagnose: misaligned incentives (how each role is judged, where that collides) on the left;
 * lack of understanding (what each says they want vs what they need) on the right; a verdict
 * across the bottom.
 */
export function layoutDiagnose(sheet: Sheet, o: ResolvedOptions, x: number, y: number): Body {
  const { cellW: w, cellH: h, gapX, gapY } = LAYOUT;
  const groupGap = 3 * gapX;
  const rightX = x + w + groupGap;
  const totalW = 3 * w + groupGap + gapX;
  const headingH = Math.max(addHeading(sheet, 'heading-incentives', x, y, w, 'Misaligned incentives'), addHeading(sheet, 'heading-understanding', rightX, y, 2 * w + gapX, 'Lack of understanding'));
  const top = y + headingH + gapY;
  const rowY = (r: number) => top + r * (h + gapY);
  const incentives: TLShapeId[] = [];
  const understanding: TLShapeId[] = [];
  o.parties.forEach((party, r) => {
    const label = o.labels[party];
    const color = PARTY_COLORS[party];
    const common = { y: rowY(r), w, h, color, party, partyLabel: label };
    incentives.push(addArea(sheet, { ...common, key: `${party}-evaluation`, x, name: `${label} · Judged on`, kind: 'evaluation', prompt: 'What gets this role praised or promoted? Be concrete.' }));
    understanding.push(
      addArea(sheet, { ...common, key: `${party}-position`, x: rightX, name: `${label} · Says they want`, kind: 'position', prompt: 'The ask, as they state it.' }),
      addArea(sheet, { ...common, key: `${party}-need`, x: rightX + w + gapX, name: `${label} · Actually needs`, kind: 'need', prompt: "What the ask is for. Mark guesses with '?'." }),
    );
  });
  const last = o.parties.length;
  incentives.push(
    addArea(sheet, { key: 'collisions', x, y: rowY(last), w, h, name: 'Where incentives collide', color: AREA_COLORS.tension, kind: 'tension', prompt: 'Where does one role’s reward work against another’s?' }),
  );
  understanding.push(
    addArea(sheet, { key: 'unasked', x: rightX, y: rowY(last), w: 2 * w + gapX, h, name: 'Not yet asked', color: AREA_COLORS.question, kind: 'question', prompt: "What haven't we asked each other yet?" }),
  );
  const verdictH = 320;
  const verdict = addArea(sheet, {
    key: 'verdict',
    x,
    y: rowY(last + 1),
    w: totalW,
    h: verdictH,
    name: 'Verdict',
    color: AREA_COLORS.neutral,
    kind: 'diagnosis',
    prompt: 'Incentives, understanding, or both? Vote, then name the next step.',
  });
  return {
    w: totalW,
    h: rowY(last + 1) + verdictH - y,
    agenda: [
      {
        id: 'diagnose-incentives',
        title: 'Compare incentives',
        goal: 'What each role is really rewarded for, and where those rewards clash.',
        minutes: 10,
        prompt: 'Each person writes how they are judged today. Read across and mark the collisions.',
        pitfall: 'Describing the incentives you wish you had instead of the real ones.',
        areaIds: incentives,
      },
      {
        id: 'diagnose-understanding',
        title: 'Test understanding',
        goal: "Each side can state the other's true need and its owner agrees.",
        minutes: 10,
        prompt: "Write the other person's ask and need first. The owner then corrects them.",
        pitfall: 'Nodding along: corrections that never get written down.',
        areaIds: understanding,
      },
      {
        id: 'diagnose-verdict',
        title: 'Call it',
        goal: 'Agreement on which problem you are solving first.',
        minutes: 5,
        prompt: 'Vote. Incentives point to a shared scorecard; understanding points to needs vs positions.',
        pitfall: 'Jumping to a fix before the verdict is agreed.',
        areaIds: [verdict],
      },
    ],
  };
}

/** The diagnose template. */
export const diagnose: Template = {
  id: 'diagnose',
  title: 'Diagnose the conflict',
  description: 'Sort the friction into misaligned incentives or a gap in understanding before choosing a fix.',
  kind: 'method',
  options: { parties: true, includeBusiness: true, stages: false },
  build: (options) =>
    buildWithHeader(
      {
        id: 'diagnose',
        slug: 'diagnose',
        title: 'Diagnose the conflict',
        describe: () => 'Is this a clash of incentives, a gap in understanding, or both? Sort the evidence before picking a fix.',
      },
      options,
      layoutDiagnose,
    ),
};
