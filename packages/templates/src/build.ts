import { templateBounds } from './geometry.ts';
import { resolveOptions, type ResolvedOptions } from './options.ts';
import { addText, createSheet, LAYOUT, type Layout } from './sheet.ts';
import type { BuildOptions, TemplateId, TemplateResult } from './types.ts';

/** What a template module declares about itself for {@link buildWithHeader}. */
export type TemplateHead = {
  id: TemplateId;
  /** Short id namespace, unique per template, e.g. `needs`. */
  slug: string;
  title: string;
  /** One or two sentences shown under the title; may name the parties. */
  describe(options: ResolvedOptions): string;
};

/** Space between the description and the first row of frames, which carries frame names above it. */
const HEADER_GAP = 72;

/**
 * Builds a standalone template: a title and description at the top-left, the layout below them.
 * Everything is relative to (0, 0); the result's bounds start there.
 */
export function buildWithHeader(head: TemplateHead, options: BuildOptions, layout: Layout<ResolvedOptions>): TemplateResult {
  const resolved = resolveOptions(options);
  const sheet = createSheet(head.id, resolved.idPrefix, head.slug);
  const w = LAYOUT.headerW;
  const title = addText(sheet, { key: 'title', x: 0, y: 0, w, text: head.title, size: 'xl', color: 'black', kind: 'title', area: 'title' });
  const descY = title.h + 8;
  const desc = addText(sheet, { key: 'description', x: 0, y: descY, w, text: head.describe(resolved), size: 'm', color: 'grey', kind: 'title', area: 'description' });
  const body = layout(sheet, resolved, 0, descY + desc.h + HEADER_GAP);
  return { shapes: sheet.shapes, bindings: sheet.bindings, agenda: body.agenda, bounds: templateBounds(sheet.shapes) };
}
