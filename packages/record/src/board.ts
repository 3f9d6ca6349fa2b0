import type { TLRecord } from '@tldraw/tlschema';
import { hasPrivateFlag, readAuthor, richTextToPlainText } from '@accord/board';
import { describeArea, isAreaMeta, readAccordMeta, templates, type AreaMeta } from '@accord/templates';
import { cleanLine, cleanText } from './text.ts';
import { MAX_NOTE_LENGTH } from './types.ts';

// A read-only view of a board's tldraw records: where every shape sits on the page, which area
// (frame) each note belongs to, and what it says. Pure; shared by the record and the diff.

/** Shape types whose text counts as content. */
export type ContentType = 'note' | 'text' | 'geo';
const CONTENT_TYPES: readonly string[] = ['note', 'text', 'geo'];

/** Longest area label or author name kept. */
const MAX_LABEL_LENGTH = 120;

/** A frame notes can be in: a template area (with meta) or a frame someone drew (with a name). */
export interface BoardArea {
  id: string;
  /** Template meaning, or null for a frame without (valid) Accord meta. */
  meta: AreaMeta | null;
  /** `describeArea(meta)`, or the frame's name (`Frame` when it has none). */
  label: string;
  /** Raw frame name, cleaned (empty when unnamed). */
  name: string;
  order: Order;
}

/** A piece of content: a note, or a text or geo shape with text. */
export interface BoardItem {
  id: string;
  type: ContentType;
  text: string;
  author: string | null;
  area: BoardArea | null;
  order: Order;
  /** The shape's meta as stored (untrusted). */
  meta: Record<string, unknown>;
}

/** Position on the board: page (by its index), then y, then x, then id. */
export interface Order {
  page: string;
  y: number;
  x: number;
  id: string;
}

/** Compares two positions: page, then top to bottom, then left to right, then id. */
export function compareOrder(a: Order, b: Order): number {
  if (a.page !== b.page) return a.page < b.page ? -1 : 1;
  if (a.y !== b.y) return a.y - b.y;
  if (a.x !== b.x) return a.x - b.x;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The board as the record reads it. */
export interface BoardView {
  /** Every content item, in board order. */
  items: BoardItem[];
  /** Content items by shape id. */
  byId: Map<string, BoardItem>;
  /** Template ids with any shape on the board, in the registry's order. */
  templates: string[];
  /** `meta` of the tldraw document record (where the agenda lives), or an empty object. */
  documentMeta: Record<string, unknown>;
  /** True when `shapeId` is `ancestorId` or lies inside it. */
  isWithin(shapeId: string, ancestorId: string): boolean;
}

type AnyShape = {
  id: string;
  typeName: 'shape';
  type: string;
  x: number;
  y: number;
  rotation: number;
  parentId: string;
  props: Record<string, unknown>;
  meta: Record<string, unknown>;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function asShape(r: TLRecord): AnyShape | null {
  const s = r as unknown as Record<string, unknown>;
  if (s.typeName !== 'shape' || typeof s.id !== 'string' || typeof s.type !== 'string') return null;
  return {
    id: s.id,
    typeName: 'shape',
    type: s.type,
    x: finite(s.x),
    y: finite(s.y),
    rotation: finite(s.rotation),
    parentId: typeof s.parentId === 'string' ? s.parentId : '',
    props: isObject(s.props) ? s.props : {},
    meta: isObject(s.meta) ? s.meta : {},
  };
}

/** The plain text of a shape: rich text (tldraw 3+), or the `text` prop of older boards. */
function shapeText(props: Record<string, unknown>): string {
  const raw = props.richText !== undefined ? richTextToPlainText(props.richText) : typeof props.text === 'string' ? props.text : '';
  return cleanText(raw, MAX_NOTE_LENGTH);
}

/** Reads a board from its records (as `readRecords(doc)` returns them; unmigrated input is fine). */
export function readBoard(records: readonly TLRecord[]): BoardView {
  const shapes = new Map<string, AnyShape>();
  const pageIndex = new Map<string, string>();
  let documentMeta: Record<string, unknown> = {};
  for (const r of records) {
    const raw = r as unknown as Record<string, unknown>;
    if (raw.typeName === 'page' && typeof raw.id === 'string') pageIndex.set(raw.id, typeof raw.index === 'string' ? raw.index : '');
    else if (raw.typeName === 'document' && isObject(raw.meta)) documentMeta = raw.meta;
    const s = asShape(r);
    if (s) shapes.set(s.id, s);
  }

  // Page transforms, memoised; a parent cycle (a corrupt board) ends the walk at the page level.
  type Placement = { x: number; y: number; rotation: number; page: string };
  const placements = new Map<string, Placement>();
  const place = (id: string, seen: Set<string>): Placement => {
    const known = placements.get(id);
    if (known) return known;
    const s = shapes.get(id);
    if (!s) return { x: 0, y: 0, rotation: 0, page: pageIndex.get(id) ?? '\uffff' };
    seen.add(id);
    const parent = shapes.has(s.parentId) && !seen.has(s.parentId) ? place(s.parentId, seen) : { x: 0, y: 0, rotation: 0, page: pageIndex.get(s.parentId) ?? '\uffff' };
    const cos = Math.cos(parent.rotation);
    const sin = Math.sin(parent.rotation);
    const p: Placement = { x: parent.x + s.x * cos - s.y * sin, y: parent.y + s.x * sin + s.y * cos, rotation: parent.rotation + s.rotation, page: parent.page };
    placements.set(id, p);
    return p;
  };
  const orderOf = (id: string): Order => {
    const p = place(id, new Set());
    return { page: p.page, y: p.y, x: p.x, id };
  };

  const ancestors = (id: string): string[] => {
    const out: string[] = [];
    const seen = new Set<string>([id]);
    let cur = shapes.get(id)?.parentId;
    while (cur && shapes.has(cur) && !seen.has(cur)) {
      out.push(cur);
      seen.add(cur);
      cur = shapes.get(cur)?.parentId;
    }
    return out;
  };

  const areas = new Map<string, BoardArea>();
  const areaOf = (frame: AnyShape): BoardArea => {
    let area = areas.get(frame.id);
    if (!area) {
      const accord = readAccordMeta(frame.meta);
      const meta = accord && isAreaMeta(accord) ? accord : null;
      const name = typeof frame.props.name === 'string' ? cleanLine(frame.props.name, MAX_LABEL_LENGTH) : '';
      const label = meta ? cleanLine(describeArea(meta), MAX_LABEL_LENGTH) : name || 'Frame';
      area = { id: frame.id, meta, label, name, order: orderOf(frame.id) };
      areas.set(frame.id, area);
    }
    return area;
  };
  // The nearest enclosing template area; failing that, the nearest frame of any kind.
  const enclosingArea = (id: string): BoardArea | null => {
    let plain: BoardArea | null = null;
    for (const a of ancestors(id)) {
      const s = shapes.get(a);
      if (s?.type !== 'frame') continue;
      const area = areaOf(s);
      if (area.meta) return area;
      plain ??= area;
    }
    return plain;
  };

  const found = new Set<string>();
  const items: BoardItem[] = [];
  for (const s of shapes.values()) {
    const accord = readAccordMeta(s.meta);
    if (accord) found.add(accord.template);
    if (!CONTENT_TYPES.includes(s.type)) continue;
    // Prompts, titles, headings explain the board; private notes should never have reached it.
    if (accord && !isAreaMeta(accord)) continue;
    if (hasPrivateFlag(s.meta)) continue;
    const text = shapeText(s.props);
    if (!text.trim()) continue;
    const by = readAuthor(s.meta);
    const author = by ? cleanLine(by.name, MAX_LABEL_LENGTH) || null : null;
    items.push({ id: s.id, type: s.type as ContentType, text, author, area: enclosingArea(s.id), order: orderOf(s.id), meta: s.meta });
  }
  items.sort((a, b) => compareOrder(a.order, b.order));

  return {
    items,
    byId: new Map(items.map((i) => [i.id, i])),
    templates: templates.map((t) => t.id).filter((id) => found.has(id)),
    documentMeta,
    isWithin: (shapeId, ancestorId) => shapeId === ancestorId || ancestors(shapeId).includes(ancestorId),
  };
}
