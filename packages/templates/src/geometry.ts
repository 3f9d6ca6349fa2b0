import type { TLParentId, TLShapeId } from 'tldraw';
import { estimateTextHeight, type TextSize } from './text.ts';
import type { Box, Point, Size, TemplateResult, TemplateShape } from './types.ts';

/** True when two boxes share interior area (touching edges do not count). */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** True when `inner` lies within `outer` (edges may touch). */
export function boxContains(outer: Box, inner: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

/** The smallest box holding every box given; a zero box at the origin for none. */
export function unionBoxes(boxes: readonly Box[]): Box {
  if (boxes.length === 0) return { x: 0, y: 0, w: 0, h: 0 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of boxes) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.w);
    maxY = Math.max(maxY, b.y + b.h);
  }
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
}

/** `box` grown by `margin` on every side. */
export function expandBox(box: Box, margin: number): Box {
  return { x: box.x - margin, y: box.y - margin, w: box.w + 2 * margin, h: box.h + 2 * margin };
}

/**
 * A template shape's box in its parent's coordinates. Text height is estimated (tldraw measures
 * it in the browser); an arrow's box spans its two end points.
 */
function localBounds(shape: TemplateShape): Box {
  switch (shape.type) {
    case 'frame':
      return { x: shape.x, y: shape.y, w: shape.props.w ?? 0, h: shape.props.h ?? 0 };
    case 'text': {
      const w = shape.props.w ?? 0;
      const paragraphs = (shape.props.richText?.content ?? []) as { content?: { text?: string }[] }[];
      const text = paragraphs.map((p) => p.content?.map((t) => t.text ?? '').join('') ?? '').join('\n');
      return { x: shape.x, y: shape.y, w, h: estimateTextHeight(text, w, (shape.props.size ?? 'm') as TextSize) };
    }
    case 'arrow': {
      const s = shape.props.start ?? { x: 0, y: 0 };
      const e = shape.props.end ?? { x: 0, y: 0 };
      const x = Math.min(s.x, e.x);
      const y = Math.min(s.y, e.y);
      return { x: shape.x + x, y: shape.y + y, w: Math.abs(e.x - s.x), h: Math.abs(e.y - s.y) };
    }
  }
}

/**
 * Every shape's box in the template's own coordinates (parents' offsets added). Shapes whose
 * parent is not in `shapes` count as top-level. Frames are never rotated by templates.
 */
export function absoluteBounds(shapes: readonly TemplateShape[]): Map<TLShapeId, Box> {
  const byId = new Map(shapes.map((s) => [s.id as TLParentId, s]));
  const out = new Map<TLShapeId, Box>();
  const resolve = (s: TemplateShape): Box => {
    const known = out.get(s.id);
    if (known) return known;
    const local = localBounds(s);
    const parent = s.parentId ? byId.get(s.parentId) : undefined;
    const origin = parent ? resolve(parent) : { x: 0, y: 0 };
    const box = { ...local, x: local.x + origin.x, y: local.y + origin.y };
    out.set(s.id, box);
    return box;
  };
  for (const s of shapes) resolve(s);
  return out;
}

/** True when a shape's parent is not one of the template's own shapes. */
export function isTopLevel(shape: TemplateShape, shapes: readonly TemplateShape[]): boolean {
  return !shape.parentId || !shapes.some((s) => s.id === shape.parentId);
}

/** Union of the top-level shapes of a template. */
export function templateBounds(shapes: readonly TemplateShape[]): Box {
  const abs = absoluteBounds(shapes);
  return unionBoxes(shapes.filter((s) => isTopLevel(s, shapes)).map((s) => abs.get(s.id) ?? localBounds(s)));
}

/** Options for {@link placeTemplate}. */
export type PlaceOptions = {
  /**
   * Parent for the top-level shapes, normally `editor.getCurrentPageId()`. Set it so tldraw does
   * not adopt a shape into whatever frame happens to lie under its origin.
   */
  parentId?: TLParentId;
};

/**
 * Moves a built template so its bounds' top-left corner lands on `at`. Only top-level shapes
 * move; children are parent-relative and arrows' points are relative to the arrow, so they follow.
 * Pure: returns a new result, agenda and bindings unchanged.
 */
export function placeTemplate(result: TemplateResult, at: Point, options: PlaceOptions = {}): TemplateResult {
  const dx = at.x - result.bounds.x;
  const dy = at.y - result.bounds.y;
  const shapes = result.shapes.map((s): TemplateShape => {
    if (!isTopLevel(s, result.shapes)) return s;
    const moved = { ...s, x: s.x + dx, y: s.y + dy };
    return options.parentId ? { ...moved, parentId: options.parentId } : moved;
  });
  return { ...result, shapes, bounds: { ...result.bounds, x: at.x, y: at.y } };
}

/** Options for {@link findFreeSpot}. */
export type FreeSpotOptions = {
  /** Clear space kept around the template. Default 80. */
  margin?: number;
  /** Distance between candidate positions. Default 80. */
  step?: number;
  /** Rings searched before giving up and going right of everything. Default 200. */
  maxRings?: number;
};

/**
 * Top-left corner for a box of `size` near `preferredCenter` that overlaps none of `existing`
 * (each kept `margin` clear). Tries the centre first, then square rings of candidates on a grid,
 * taking the nearest free one in each ring (ties by angle, so the answer is deterministic).
 * Falls back to the right of all existing content.
 */
export function findFreeSpot(existing: readonly Box[], size: Size, preferredCenter: Point, options: FreeSpotOptions = {}): Point {
  const margin = options.margin ?? 80;
  const step = options.step ?? 80;
  const maxRings = options.maxRings ?? 200;
  const blocked = existing.filter((b) => b.w >= 0 && b.h >= 0).map((b) => expandBox(b, margin));
  const origin = { x: preferredCenter.x - size.w / 2, y: preferredCenter.y - size.h / 2 };
  const free = (p: Point) => !blocked.some((b) => boxesOverlap(b, { x: p.x, y: p.y, w: size.w, h: size.h }));
  if (free(origin)) return origin;
  for (let ring = 1; ring <= maxRings; ring++) {
    const candidates: { p: Point; d: number; a: number }[] = [];
    const cells: [number, number][] = [];
    for (let i = -ring; i <= ring; i++) {
      cells.push([i, -ring], [i, ring]);
      if (Math.abs(i) < ring) cells.push([-ring, i], [ring, i]);
    }
    for (const [gx, gy] of cells) {
      candidates.push({ p: { x: origin.x + gx * step, y: origin.y + gy * step }, d: Math.hypot(gx, gy), a: Math.atan2(gy, gx) });
    }
    candidates.sort((m, n) => m.d - n.d || m.a - n.a);
    const hit = candidates.find((c) => free(c.p));
    if (hit) return hit.p;
  }
  const right = unionBoxes(blocked);
  return { x: right.x + right.w, y: origin.y };
}

/**
 * {@link findFreeSpot} then {@link placeTemplate}: the result moved to the free spot nearest
 * `preferredCenter` (usually the viewport centre), clear of `existing` page bounds.
 */
export function placeTemplateNear(
  result: TemplateResult,
  existing: readonly Box[],
  preferredCenter: Point,
  options: PlaceOptions & FreeSpotOptions = {},
): TemplateResult {
  const at = findFreeSpot(existing, { w: result.bounds.w, h: result.bounds.h }, preferredCenter, options);
  return placeTemplate(result, at, options);
}
