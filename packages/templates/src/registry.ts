import { parseOptions } from './options.ts';
import { diagnose } from './templates/diagnose.ts';
import { interestingWork } from './templates/interestingWork.ts';
import { needsVsPositions } from './templates/needsVsPositions.ts';
import { noVillains } from './templates/noVillains.ts';
import { fourLs, partnershipHealth, startStopContinue } from './templates/retros.ts';
import { sharedScorecard } from './templates/sharedScorecard.ts';
import { stagedCompromise } from './templates/stagedCompromise.ts';
import { trifectaMap } from './templates/trifectaMap.ts';
import { partnershipWorkshop } from './templates/workshop.ts';
import type { Template, TemplateId, TemplateOptions } from './types.ts';

/** Every template: the method's steps in order, the workshop, then the retros. */
export const templates: readonly Template[] = [
  diagnose,
  sharedScorecard,
  trifectaMap,
  needsVsPositions,
  noVillains,
  interestingWork,
  stagedCompromise,
  partnershipWorkshop,
  startStopContinue,
  fourLs,
  partnershipHealth,
];

/** The template with this id, or undefined (the id may come from a URL). */
export function getTemplate(id: string): Template | undefined {
  return templates.find((t) => t.id === id);
}

/** True when `id` names a template. */
export function isTemplateId(id: unknown): id is TemplateId {
  return typeof id === 'string' && templates.some((t) => t.id === id);
}

/** Result of {@link parseTemplateOptions}. */
export type ParsedTemplateOptions = { ok: true; template: Template; options: TemplateOptions } | { ok: false; error: string };

/**
 * Validates a template id and untrusted options (a JSON body or URL query values) in one go.
 * The error is a sentence fit for a 400 response, e.g. `stages must be an integer from 2 to 4 (got 5)`.
 */
export function parseTemplateOptions(id: unknown, input: unknown): ParsedTemplateOptions {
  const template = typeof id === 'string' ? getTemplate(id) : undefined;
  if (!template) return { ok: false, error: `unknown template ${JSON.stringify(id)} (known: ${templates.map((t) => t.id).join(', ')})` };
  const parsed = parseOptions(input);
  if (!parsed.ok) return { ok: false, error: `${template.id}: ${parsed.error}` };
  return { ok: true, template, options: parsed.value };
}
