// Complete shape and binding records without an Editor, for tests, benchmarks and fixtures. A
// separate entry (`@accord/board/fixtures`) because it needs the whole `tldraw` package for its
// shape utils' defaults, which servers must not load.
import { PageRecordType, coreShapes, createTLStore, defaultBindingUtils, defaultShapeUtils, type TLBinding, type TLShape, type TLStore } from 'tldraw';

/** What we use of a shape or binding util class: its type and, on an instance, its default props. */
type UtilClass = { type: string; new (editor: unknown): { getDefaultProps(): object } };

const defaultsCache = new Map<string, object>();

/**
 * The default props of a built-in shape (incl. group) or binding type, without an Editor: a util's
 * constructor only keeps the editor, and `getDefaultProps` reads the util's own options.
 */
function defaultPropsOf(kind: 'shape' | 'binding', type: string): object {
  const key = `${kind}:${type}`;
  let props = defaultsCache.get(key);
  if (!props) {
    const utils = (kind === 'shape' ? [...coreShapes, ...defaultShapeUtils] : defaultBindingUtils) as unknown as UtilClass[];
    const Util = utils.find((u) => u.type === type);
    if (!Util) throw new Error(`unknown ${kind} type ${type}`);
    props = new Util({}).getDefaultProps();
    defaultsCache.set(key, props);
  }
  return props;
}

/** A shape partial: id, type and whatever differs from the defaults. */
export type ShapeInit = Pick<TLShape, 'id' | 'type'> & Partial<Omit<TLShape, 'props' | 'typeName'>> & { props?: Record<string, unknown> };

/**
 * A complete, valid shape record from a partial, filling tldraw's defaults for the base fields
 * and the type's props. Works in node (templates, records, tests) without an Editor.
 */
export function createShapeRecord(init: ShapeInit): TLShape {
  const { props, ...rest } = init;
  return {
    typeName: 'shape',
    x: 0,
    y: 0,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    ...rest,
    props: { ...defaultPropsOf('shape', init.type), ...props },
  } as unknown as TLShape;
}

/** A complete binding record (e.g. an arrow's terminal) from a partial. */
export function createBindingRecord(init: Pick<TLBinding, 'id' | 'type' | 'fromId' | 'toId'> & { props?: Record<string, unknown>; meta?: object }): TLBinding {
  return {
    typeName: 'binding',
    meta: {},
    ...init,
    props: { ...defaultPropsOf('binding', init.type), ...init.props },
  } as unknown as TLBinding;
}


/** The default page of test boards (tldraw's own default page id, which a new board is seeded with). */
export const PAGE_ID = PageRecordType.createId('page');

/** An empty store as the web app creates it (tldraw's default shapes and bindings). */
export function emptyStore(): TLStore {
  return createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
}
