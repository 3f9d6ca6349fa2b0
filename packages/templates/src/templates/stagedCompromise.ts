import type { TLShapeId } from 'tldraw';
import { buildWithHeader } from '../build.ts';
import { AREA_COLORS, PARTY_COLORS, type ResolvedOptions } from '../options.ts';
import { addArea, LAYOUT, type Body, type Sheet } from '../sheet.ts';
import type { Template } from '../types.ts';

const OWNER = 'Owner and date on each note.';

function stagePrompt(stage: number, stages: number): string {
  if (stage === 1) return `Smallest first step that meets this need. ${OWNER}`;
  if (stage === stages) return `What makes this need hold up or scale? ${OWNER}`;
  return `What does this stage add for this need? ${OWNER}`;
}

/**
 * Staged compromise: a shared-outcome row on top, then a lane per party that opens with its true
 * need and crosses 2–4 stages; each cell says what that stage delivers for that need.
 */
export function layoutStagedCompromise(sheet: Sheet, o: ResolvedOptions, x: number, y: number): Body {
  const { cellW: w, cellH: h, gapX, gapY } = LAYOUT;
  const totalW = (o.stages + 1) * (w + gapX) - gapX;
  const outcomeH = 320;
  const outcome = addArea(sheet, {
    key: 'shared-outcome',
    x,
    y,
    w: totalW,
    h: outcomeH,
    name: 'Shared outcome',
    color: AREA_COLORS.shared,
    kind: 'shared-outcome',
    prompt: 'The result every lane works towards, in one sentence all of you would sign.',
  });
  const needs: TLShapeId[] = [];
  const cells: TLShapeId[][] = Array.from({ length: o.stages }, () => []);
  o.parties.forEach((party, row) => {
    const ly = y + outcomeH + gapY + row * (h + gapY);
    const label = o.labels[party];
    needs.push(
      addArea(sheet, { key: `${party}-need`, x, y: ly, w, h, name: `${label} · True need`, color: PARTY_COLORS[party], kind: 'need', party, partyLabel: label, prompt: 'The need behind the ask, in their words. Not the position.' }),
    );
    for (let stage = 1; stage <= o.stages; stage++) {
      cells[stage - 1]?.push(
        addArea(sheet, {
          key: `stage-${stage}-${party}`,
          x: x + stage * (w + gapX),
          y: ly,
          w,
          h,
          name: `${label} · Stage ${stage}`,
          color: PARTY_COLORS[party],
          kind: 'stage',
          stage,
          party,
          partyLabel: label,
          prompt: stagePrompt(stage, o.stages),
        }),
      );
    }
  });
  return {
    w: totalW,
    h: outcomeH + o.parties.length * (h + gapY),
    agenda: [
      {
        id: 'stages-needs',
        title: 'Restate the true needs',
        goal: 'Each lane opens with a need its owner agrees is accurate, plus the outcome you all share.',
        minutes: 10,
        prompt: 'Read each need aloud. Its owner confirms or rewrites it. Then agree the shared outcome.',
        pitfall: "A position sneaking in as a need: 'we need the rewrite'.",
        areaIds: [outcome, ...needs],
      },
      {
        id: 'stages-plan',
        title: 'Stage the work',
        goal: 'A sequence where every need is met by some stage, each step with an owner and date.',
        minutes: 20,
        prompt: 'Fill stage 1 for every lane first, then the later stages. One deliverable per note.',
        pitfall: 'Settling for the first split. Sketch at least one alternative before choosing.',
        areaIds: cells.flat(),
      },
      {
        id: 'stages-check',
        title: 'Check the plan',
        goal: 'Everyone agrees the stages add up to the shared outcome.',
        minutes: 10,
        prompt: 'Walk the stages left to right. Does every lane get something real, and by when?',
        pitfall: 'A lane that only gets something in the last stage.',
        areaIds: [outcome, ...needs, ...cells.flat()],
      },
    ],
  };
}

/** The staged-compromise template. */
export const stagedCompromise: Template = {
  id: 'staged-compromise',
  title: 'Staged compromise',
  description: 'A lane per true need, cut into stages so every need gets something real, with owners and dates.',
  kind: 'method',
  options: { parties: true, includeBusiness: true, stages: true },
  build: (options) =>
    buildWithHeader(
      {
        id: 'staged-compromise',
        slug: 'stages',
        title: 'Staged compromise',
        describe: (o) => `Give each true need its own lane and cut the work into ${o.stages} stages, so every lane gets something real along the way.`,
      },
      options,
      layoutStagedCompromise,
    ),
};
