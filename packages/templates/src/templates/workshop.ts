import type { TLShapeId } from 'tldraw';
import { buildWithHeader } from '../build.ts';
import type { ResolvedOptions } from '../options.ts';
import { addArea, createSheet, LAYOUT, type Body, type Layout, type Sheet } from '../sheet.ts';
import { estimateTextHeight } from '../text.ts';
import type { AgendaStep, Template, TemplateFrame, TemplateId } from '../types.ts';
import { layoutDiagnose } from './diagnose.ts';
import { layoutInterestingWork } from './interestingWork.ts';
import { layoutNeedsVsPositions } from './needsVsPositions.ts';
import { layoutNoVillains } from './noVillains.ts';
import { layoutSharedScorecard } from './sharedScorecard.ts';
import { layoutStagedCompromise } from './stagedCompromise.ts';
import { layoutTrifectaMap } from './trifectaMap.ts';

type Section = { template: TemplateId; slug: string; title: string; prompt: string; layout: Layout<ResolvedOptions>; withBusiness?: boolean };

/** The seven steps of the method, in order; the workshop lays them out left to right. */
const WORKSHOP_SECTIONS: readonly Section[] = [
  { template: 'diagnose', slug: 'diagnose', title: 'Diagnose', prompt: 'Find the root cause first: misaligned incentives, missing understanding, or both.', layout: layoutDiagnose },
  { template: 'shared-scorecard', slug: 'scorecard', title: 'Shared scorecard', prompt: 'Rate the pair on the same outcomes, so both solve the whole problem.', layout: layoutSharedScorecard },
  { template: 'trifecta-map', slug: 'trifecta', title: 'Trifecta', prompt: 'Bring the business lead in: three roles, one rating.', layout: layoutTrifectaMap, withBusiness: true },
  { template: 'needs-vs-positions', slug: 'needs', title: 'Needs vs positions', prompt: 'Understand before solving: questions first, proposals later.', layout: layoutNeedsVsPositions },
  { template: 'no-villains', slug: 'villains', title: 'No villains', prompt: "Swap blame for the pressures you can't see.", layout: layoutNoVillains },
  { template: 'interesting-work', slug: 'interesting', title: 'Interesting work', prompt: "Put the team's hidden need on the table and look for it in the priorities.", layout: layoutInterestingWork },
  { template: 'staged-compromise', slug: 'stages', title: 'Staged compromise', prompt: 'With the needs clear, stage a plan that meets all of them.', layout: layoutStagedCompromise },
];

/** The workshop's steps in order (1-based `step`), for UIs that list them. */
export const WORKSHOP_STEPS: readonly { step: number; template: TemplateId; title: string; prompt: string }[] = WORKSHOP_SECTIONS.map((s, i) => ({
  step: i + 1,
  template: s.template,
  title: s.title,
  prompt: s.prompt,
}));

/** Padding inside a section around its contents. */
const SECTION_PAD = 60;
/** Sections are large, so their prompt is too. */
const SECTION_PROMPT_SIZE = 'l';
/** Gap between sections. */
const SECTION_GAP = 240;

/**
 * The whole method on one board: a section frame per step, left to right, each holding that
 * step's layout (same areas and agenda as the standalone template, nested in the section).
 */
function layoutWorkshop(sheet: Sheet, o: ResolvedOptions, x: number, y: number): Body {
  const agenda: AgendaStep[] = [];
  let sx = x;
  let maxH = 0;
  WORKSHOP_SECTIONS.forEach((section, i) => {
    const step = i + 1;
    // The section is drawn first (parents precede children) and sized once its contents are known.
    const sectionId: TLShapeId = addArea(sheet, {
      key: `step-${step}`,
      x: sx,
      y,
      w: 1,
      h: 1,
      name: `${step} · ${section.title}`,
      color: 'black',
      kind: 'section',
      topic: section.template,
      step,
      prompt: section.prompt,
      promptSize: SECTION_PROMPT_SIZE,
    });
    const frame = sheet.shapes.find((s): s is TemplateFrame => s.id === sectionId && s.type === 'frame');
    const inner = createSheet(section.template, sheet.idPrefix, section.slug, sectionId, sheet);
    const opts: ResolvedOptions = section.withBusiness ? { ...o, includeBusiness: true, parties: ['em', 'pm', 'business'] } : o;
    // Width is unknown until the body is laid out; wrap the prompt against the narrowest section.
    const promptH = estimateTextHeight(section.prompt, 2 * LAYOUT.cellW, SECTION_PROMPT_SIZE);
    const body = section.layout(inner, opts, SECTION_PAD, LAYOUT.pad + promptH + LAYOUT.gapY);
    const w = body.w + 2 * SECTION_PAD;
    const h = LAYOUT.pad + promptH + LAYOUT.gapY + body.h + SECTION_PAD;
    if (frame) frame.props = { ...frame.props, w, h };
    const prompt = sheet.shapes.find((s) => s.parentId === sectionId && s.meta.accord.kind === 'prompt');
    if (prompt?.type === 'text') prompt.props = { ...prompt.props, w: 2 * LAYOUT.cellW };
    for (const s of body.agenda) agenda.push({ ...s, title: `${section.title}: ${s.title}` });
    sx += w + SECTION_GAP;
    maxH = Math.max(maxH, h);
  });
  return { w: sx - SECTION_GAP - x, h: maxH, agenda };
}

/** The partnership-workshop template: all seven steps of the method on one board. */
export const partnershipWorkshop: Template = {
  id: 'partnership-workshop',
  title: 'Partnership workshop',
  description: 'The whole EM/PM partnership method on one board: seven steps, left to right, each in its own section.',
  kind: 'method',
  options: { parties: true, includeBusiness: true, stages: true },
  build: (options) =>
    buildWithHeader(
      {
        id: 'partnership-workshop',
        slug: 'workshop',
        title: 'EM/PM partnership workshop',
        describe: () => 'The partnership method in seven steps, left to right. Each step has its own section and its own part of the agenda.',
      },
      options,
      layoutWorkshop,
    ),
};
