import { toRichText, type TLShape, type TLShapeId, type TLParentId } from '@tldraw/tlschema';
import type { IndexKey } from '@tldraw/utils';

// Complete shape records the server can write without tldraw's shape utils (which servers must not
// load): the props tldraw's own defaults give, with the text and size set. The tests check them
// against tldraw's defaults (`@accord/board/fixtures`) and against the board schema.

/** Where a seeded shape goes and what it says. */
export interface SeedShape {
  id: TLShapeId;
  parentId: TLParentId;
  /** Fractional index among its siblings, e.g. `a1`. */
  index: string;
  x: number;
  y: number;
}

const base = (s: SeedShape, meta: Record<string, unknown>) => ({
  typeName: 'shape' as const,
  id: s.id,
  parentId: s.parentId,
  index: s.index as IndexKey,
  x: s.x,
  y: s.y,
  rotation: 0,
  isLocked: false,
  opacity: 1,
  meta,
});

/** A sticky note with plain text (one paragraph per line). */
export function seedNote(s: SeedShape & { text: string; color?: string; meta?: Record<string, unknown> }): TLShape {
  const props = {
    color: s.color ?? 'yellow',
    richText: toRichText(s.text),
    size: 'm',
    font: 'draw',
    align: 'middle',
    verticalAlign: 'middle',
    labelColor: 'black',
    growY: 0,
    fontSizeAdjustment: 1,
    url: '',
    scale: 1,
    textLastEditedBy: null,
  };
  return { ...base(s, s.meta ?? {}), type: 'note', props } as unknown as TLShape;
}

/** A frame people can edit (no `meta.accord`, so it is no template structure). */
export function seedFrame(s: SeedShape & { w: number; h: number; name: string }): TLShape {
  return { ...base(s, {}), type: 'frame', props: { w: s.w, h: s.h, name: s.name, color: 'black' } } as unknown as TLShape;
}

/** A text shape of fixed width that wraps. */
export function seedText(s: SeedShape & { w: number; text: string; size?: 's' | 'm' | 'l' | 'xl' }): TLShape {
  const props = { color: 'black', size: s.size ?? 'm', w: s.w, font: 'sans', textAlign: 'start', autoSize: false, scale: 1, richText: toRichText(s.text) };
  return { ...base(s, {}), type: 'text', props } as unknown as TLShape;
}
