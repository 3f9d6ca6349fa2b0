/**
 * @accord/templates — method and retro templates for Accord boards: pure, deterministic
 * functions returning tldraw shape partials, arrow bindings and an agenda. No DOM.
 */
export type {
  AccordMeta,
  AgendaStep,
  AreaKind,
  AreaMeta,
  Box,
  BuildOptions,
  DecorationKind,
  DecorationMeta,
  Party,
  PartyLabels,
  PartyRef,
  Point,
  Size,
  Template,
  TemplateArrow,
  TemplateBinding,
  TemplateFrame,
  TemplateId,
  TemplateKind,
  TemplateOptions,
  TemplateResult,
  TemplateShape,
  TemplateText,
} from './types.ts';
export { templates, getTemplate, isTemplateId, parseTemplateOptions, type ParsedTemplateOptions } from './registry.ts';
export { AREA_COLORS, DEFAULT_PARTY_LABELS, OPTION_LIMITS, PARTY_COLORS, TEMPLATE_OPTIONS_SCHEMA } from './options.ts';
export { AREA_KIND_LABELS, describeArea, isAreaMeta, readAccordMeta, templateTitle } from './describe.ts';
export {
  absoluteBounds,
  boxContains,
  boxesOverlap,
  findFreeSpot,
  placeTemplate,
  placeTemplateNear,
  templateBounds,
  unionBoxes,
  type FreeSpotOptions,
  type PlaceOptions,
} from './geometry.ts';
export { estimateTextHeight, toRichText } from './text.ts';
export { WORKSHOP_STEPS } from './templates/workshop.ts';
