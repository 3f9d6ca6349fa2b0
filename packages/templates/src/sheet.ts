import type { TLBindingId, TLDefaultColorStyle, TLShapeId } from 'tldraw';
import { estimateTextHeight, toRichText, type TextSize } from './text.ts';
import type {
  AgendaStep,
  AreaKind,
  AreaMeta,
  Box,
  DecorationKind,
  PartyRef,
  TemplateArrow,
  TemplateBinding,
  TemplateFrame,
  TemplateId,
  TemplateShape,
  TemplateText,
} from './types.ts';

/** Spacing and sizes shared by every layout, so templates look alike side by side. */
export const LAYOUT = {
  /** Inner padding of a frame around its prompt. */
  pad: 20,
  /** Horizontal gap between frames. */
  gapX: 40,
  /**
   * Vertical gap between frames; larger, because tldraw draws a frame's name above the frame at a
   * constant screen size (about 70 px of page space when a whole template fits the screen).
   */
  gapY: 88,
  /** Default area size: a two-line prompt and two 200×200 notes side by side, with room to pile more. */
  cellW: 480,
  cellH: 440,
  /** Gap between frames joined by an arrow. */
  arrowGap: 120,
  /** Width of a template's title and description. */
  headerW: 1200,
  /** Prompt text size. */
  promptSize: 'm' as TextSize,
} as const;

/**
 * A surface one layout draws on: it names shape ids, and collects shapes and bindings. Layouts
 * draw in the coordinates of `parentId` (or the page when it is undefined).
 */
export type Sheet = {
  template: TemplateId;
  /** The caller's prefix, for nested layouts. */
  idPrefix: string;
  /** `<idPrefix>-<slug>`: every id of this layout starts with it. */
  idBase: string;
  parentId: TLShapeId | undefined;
  shapes: TemplateShape[];
  bindings: TemplateBinding[];
};

/** What a layout returns: its size (it starts at the origin it was given) and its agenda. */
export type Body = { w: number; h: number; agenda: AgendaStep[] };

/** A layout function: draws one template's areas at (x, y) on a sheet. */
export type Layout<O> = (sheet: Sheet, options: O, x: number, y: number) => Body;

/**
 * A new sheet. `slug` is a short, template-unique word so nested layouts never share an id.
 * With `into`, the new sheet adds to that sheet's shapes and bindings (a nested layout).
 */
export function createSheet(template: TemplateId, idPrefix: string, slug: string, parentId?: TLShapeId, into?: Sheet): Sheet {
  return { template, idPrefix, idBase: `${idPrefix}-${slug}`, parentId, shapes: into?.shapes ?? [], bindings: into?.bindings ?? [] };
}

/** The shape id for `key` on this sheet, e.g. `shape:abc-needs-em-position`. */
function shapeId(sheet: Sheet, key: string): TLShapeId {
  return `shape:${sheet.idBase}-${key}` as TLShapeId;
}

function base(id: TLShapeId, x: number, y: number, parentId: TLShapeId | undefined, isLocked: boolean) {
  // Omit parentId rather than set it to undefined: records go to JSON and Yjs.
  return { id, x, y, rotation: 0, opacity: 1, isLocked, ...(parentId ? { parentId } : {}) };
}

/** An area to draw: a frame with a prompt at its top. */
export type AreaSpec = Box & {
  key: string;
  name: string;
  color: TLDefaultColorStyle;
  kind: AreaKind;
  prompt: string;
  /** Defaults to {@link LAYOUT.promptSize}. */
  promptSize?: TextSize;
  party?: PartyRef;
  partyLabel?: string;
  stage?: number;
  topic?: string;
  step?: number;
};

/** Draws a frame and its prompt; returns the frame's id. */
export function addArea(sheet: Sheet, spec: AreaSpec): TLShapeId {
  const id = shapeId(sheet, spec.key);
  const meta: AreaMeta = { template: sheet.template, kind: spec.kind, area: spec.key };
  // Only defined fields: meta must stay plain JSON.
  if (spec.party !== undefined) meta.party = spec.party;
  if (spec.partyLabel !== undefined) meta.partyLabel = spec.partyLabel;
  if (spec.stage !== undefined) meta.stage = spec.stage;
  if (spec.topic !== undefined) meta.topic = spec.topic;
  if (spec.step !== undefined) meta.step = spec.step;
  const frame: TemplateFrame = {
    ...base(id, spec.x, spec.y, sheet.parentId, false),
    type: 'frame',
    props: { w: spec.w, h: spec.h, name: spec.name, color: spec.color },
    meta: { accord: meta },
  };
  sheet.shapes.push(frame);
  addText(sheet, {
    key: `${spec.key}-prompt`,
    x: LAYOUT.pad,
    y: LAYOUT.pad,
    w: spec.w - 2 * LAYOUT.pad,
    text: spec.prompt,
    size: spec.promptSize ?? LAYOUT.promptSize,
    color: 'grey',
    kind: 'prompt',
    area: spec.key,
    parentId: id,
  });
  return id;
}

/** A text to draw. Texts are locked: they explain the board and should not move by accident. */
export type TextSpec = {
  key: string;
  x: number;
  y: number;
  w: number;
  text: string;
  size: TextSize;
  color: TLDefaultColorStyle;
  kind: DecorationKind;
  area: string;
  /** Defaults to the sheet's parent. */
  parentId?: TLShapeId;
};

/** Draws a fixed-width, wrapping text; returns its id and estimated height. */
export function addText(sheet: Sheet, spec: TextSpec): { id: TLShapeId; h: number } {
  const id = shapeId(sheet, spec.key);
  const text: TemplateText = {
    ...base(id, spec.x, spec.y, spec.parentId ?? sheet.parentId, true),
    type: 'text',
    props: {
      richText: toRichText(spec.text),
      size: spec.size,
      font: 'sans',
      color: spec.color,
      textAlign: 'start',
      autoSize: false,
      w: spec.w,
      scale: 1,
    },
    meta: { accord: { template: sheet.template, kind: spec.kind, area: spec.area } },
  };
  sheet.shapes.push(text);
  return { id, h: estimateTextHeight(spec.text, spec.w, spec.size) };
}

/**
 * Draws an arrow from the right side of `from` to the left side of `to`, bound to both frames so
 * it follows them when they move. The ends stop short of the frames: tldraw parents a new shape
 * to whatever frame its origin falls in.
 */
export function addArrow(sheet: Sheet, key: string, from: Box & { id: TLShapeId }, to: Box & { id: TLShapeId }): TLShapeId {
  const id = shapeId(sheet, key);
  const inset = 12;
  const start = { x: from.x + from.w + inset, y: from.y + from.h / 2 };
  const end = { x: to.x - inset, y: to.y + to.h / 2 };
  const arrow: TemplateArrow = {
    ...base(id, start.x, start.y, sheet.parentId, false),
    type: 'arrow',
    props: {
      kind: 'arc',
      start: { x: 0, y: 0 },
      end: { x: end.x - start.x, y: end.y - start.y },
      bend: 0,
      color: 'grey',
      labelColor: 'grey',
      fill: 'none',
      dash: 'solid',
      size: 'm',
      font: 'sans',
      arrowheadStart: 'none',
      arrowheadEnd: 'arrow',
      richText: toRichText(''),
      labelPosition: 0.5,
      scale: 1,
      elbowMidPoint: 0.5,
    },
    meta: { accord: { template: sheet.template, kind: 'connector', area: key } },
  };
  sheet.shapes.push(arrow);
  for (const [terminal, target] of [['start', from.id], ['end', to.id]] as const) {
    sheet.bindings.push({
      id: `binding:${sheet.idBase}-${key}-${terminal}` as TLBindingId,
      type: 'arrow',
      fromId: id,
      toId: target,
      props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
      meta: {},
    });
  }
  return id;
}

/** Draws a heading (a locked text, size `l`) above a group of frames; returns its height. */
export function addHeading(sheet: Sheet, key: string, x: number, y: number, w: number, text: string): number {
  return addText(sheet, { key, x, y, w, text, size: 'l', color: 'black', kind: 'heading', area: key }).h;
}
