import type { TLDefaultColorStyle, TLShapeId } from 'tldraw';
import { buildWithHeader } from '../build.ts';
import { addArea, LAYOUT, type Body, type Sheet } from '../sheet.ts';
import type { AgendaStep, AreaKind, Template, TemplateId } from '../types.ts';

type Column = { kind: AreaKind; name: string; color: TLDefaultColorStyle; prompt: string };

type RetroSpec = {
  id: TemplateId;
  slug: string;
  title: string;
  description: string;
  columns: Column[];
  /** A full-width area under the columns, e.g. the change to try next. */
  footer?: Column;
  /** Agenda; `areaIds` is filled from `areas` (kinds), or every area when omitted. */
  agenda: (Omit<AgendaStep, 'areaIds'> & { areas?: AreaKind[] })[];
};

const COLUMN_H = 640;
const FOOTER_H = 320;

function layoutRetro(spec: RetroSpec) {
  return (sheet: Sheet, _o: unknown, x: number, y: number): Body => {
    const { cellW: w, gapX, gapY } = LAYOUT;
    const totalW = spec.columns.length * (w + gapX) - gapX;
    const byKind = new Map<AreaKind, TLShapeId>();
    spec.columns.forEach((c, i) => {
      byKind.set(c.kind, addArea(sheet, { key: c.kind, x: x + i * (w + gapX), y, w, h: COLUMN_H, name: c.name, color: c.color, kind: c.kind, prompt: c.prompt }));
    });
    let h = COLUMN_H;
    if (spec.footer) {
      const f = spec.footer;
      byKind.set(f.kind, addArea(sheet, { key: f.kind, x, y: y + COLUMN_H + gapY, w: totalW, h: FOOTER_H, name: f.name, color: f.color, kind: f.kind, prompt: f.prompt }));
      h += gapY + FOOTER_H;
    }
    const all = [...byKind.values()];
    const agenda = spec.agenda.map(({ areas, ...step }) => ({
      ...step,
      areaIds: areas ? areas.flatMap((k) => byKind.get(k) ?? []) : all,
    }));
    return { w: totalW, h, agenda };
  };
}

function retro(spec: RetroSpec): Template {
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    kind: 'retro',
    options: { parties: false, includeBusiness: false, stages: false },
    build: (options) => buildWithHeader({ id: spec.id, slug: spec.slug, title: spec.title, describe: () => spec.description }, options, layoutRetro(spec)),
  };
}

/** Start, stop, continue: three columns. */
export const startStopContinue: Template = retro({
  id: 'start-stop-continue',
  slug: 'ssc',
  title: 'Start, stop, continue',
  description: 'Three columns on how we work together. One idea per note.',
  columns: [
    { kind: 'start', name: 'Start', color: 'green', prompt: 'What should we begin doing?' },
    { kind: 'stop', name: 'Stop', color: 'red', prompt: 'What is getting in our way?' },
    { kind: 'continue', name: 'Continue', color: 'light-blue', prompt: 'What works and should stay?' },
  ],
  agenda: [
    { id: 'ssc-write', title: 'Write silently', goal: 'Everyone’s ideas are up before anyone discusses them.', minutes: 5, prompt: 'Five minutes of private writing, one idea per note, any column.', pitfall: 'The loudest voice setting the theme before others have written.' },
    { id: 'ssc-vote', title: 'Group and vote', goal: 'Duplicates merged and the top themes chosen.', minutes: 10, prompt: 'Cluster similar notes, then give everyone three votes.', pitfall: 'Talking through every note instead of the top few.' },
    { id: 'ssc-commit', title: 'Commit', goal: 'One or two changes, each with an owner.', minutes: 5, prompt: 'For the top votes, agree who does what by when.', pitfall: 'Leaving with a list and no owners.', areas: ['start', 'stop'] },
  ],
});

/** Four Ls: liked, learned, lacked, longed for. */
export const fourLs: Template = retro({
  id: 'four-ls',
  slug: 'four-ls',
  title: 'Four Ls',
  description: 'Look back on the period: what we liked, learned, lacked and longed for.',
  columns: [
    { kind: 'liked', name: 'Liked', color: 'green', prompt: 'What went well that you enjoyed?' },
    { kind: 'learned', name: 'Learned', color: 'light-blue', prompt: "What do you know now that you didn't before?" },
    { kind: 'lacked', name: 'Lacked', color: 'red', prompt: 'What was missing or in short supply?' },
    { kind: 'longed-for', name: 'Longed for', color: 'light-violet', prompt: 'What did you wish we had?' },
  ],
  agenda: [
    { id: 'four-ls-write', title: 'Write silently', goal: 'Notes in all four columns from everyone.', minutes: 7, prompt: 'Private writing, one thought per note. Aim for at least one per column.', pitfall: 'Only filling the comfortable columns.' },
    { id: 'four-ls-discuss', title: 'Read and choose', goal: 'One thing to keep and one to fix.', minutes: 13, prompt: 'Read each column aloud, vote, and turn the top lacked or longed-for note into an action.', pitfall: 'Skipping the learned column; it is often the most useful.', areas: ['lacked', 'longed-for'] },
  ],
});

/** Partnership health: trust, conflict, escalations, constraints made visible, and one change. */
export const partnershipHealth: Template = retro({
  id: 'partnership-health',
  slug: 'health',
  title: 'Partnership health',
  description: 'A check-up on how the EM/PM partnership is working, ending in one change to try.',
  columns: [
    { kind: 'trust', name: 'Trust', color: 'light-blue', prompt: 'Do we share bad news early? Where is trust thin?' },
    { kind: 'conflict', name: 'Conflict', color: 'red', prompt: 'How do we disagree? Does it end in a decision?' },
    { kind: 'escalation', name: 'Escalations', color: 'yellow', prompt: 'What went to our leads that we could have settled ourselves?' },
    { kind: 'visibility', name: 'Constraints made visible', color: 'light-violet', prompt: 'Which pressure did one of us share? What is still hidden?' },
  ],
  footer: { kind: 'action', name: 'One change', color: 'green', prompt: 'The one thing we will try before the next check-up, and who starts it.' },
  agenda: [
    { id: 'health-check', title: 'Check in', goal: 'An honest read on trust, conflict, escalations and visibility.', minutes: 15, prompt: 'Write privately, reveal together, then read each column aloud.', pitfall: 'Polite answers. A check-up that finds nothing has not looked.', areas: ['trust', 'conflict', 'escalation', 'visibility'] },
    { id: 'health-change', title: 'Pick one change', goal: 'One experiment to run before the next check-up.', minutes: 10, prompt: 'Vote on the column that needs the most care and agree one change.', pitfall: 'Choosing three changes and doing none.', areas: ['action'] },
  ],
});
