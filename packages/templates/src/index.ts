/**
 * @accord/templates — method and retro templates for Accord boards: pure, deterministic
 * functions returning tldraw shape partials, arrow bindings and an agenda. No DOM.
 */
export type {
  AgendaStep,
  AreaMeta,
  BuildOptions,
  Template,
  TemplateFrame,
  TemplateId,
  TemplateOptions,
  TemplateResult,
} from './types.ts';
export { templates, getTemplate, isTemplateId } from './registry.ts';
export { DEFAULT_PARTY_LABELS } from './options.ts';
export { describeArea, isAreaMeta, readAccordMeta, templateTitle } from './describe.ts';
export {
  findFreeSpot,
  placeTemplate,
} from './geometry.ts';
export { toRichText } from './text.ts';
