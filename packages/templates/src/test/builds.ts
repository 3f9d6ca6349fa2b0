import { templates } from '../registry.ts';
import type { BuildOptions, Template, TemplateResult } from '../types.ts';

/** Labels that make party names easy to find in frame names. */
export const LABELS = { em: 'Priya (EM)', pm: 'Marco (PM)', business: 'Dana (GM)' };

/** Option sets every template is built with in the cross-template tests. */
const OPTION_SETS: { name: string; options: BuildOptions }[] = [
  { name: 'defaults', options: { idPrefix: 't1' } },
  { name: 'named, with business, 4 stages', options: { idPrefix: 't2', parties: LABELS, includeBusiness: true, stages: 4 } },
  { name: 'named, 2 stages', options: { idPrefix: 't3', parties: LABELS, includeBusiness: false, stages: 2 } },
];

/** Every template built with every option set. */
export function allBuilds(): { template: Template; set: string; options: BuildOptions; result: TemplateResult }[] {
  return templates.flatMap((template) => OPTION_SETS.map(({ name, options }) => ({ template, set: name, options, result: template.build(options) })));
}
