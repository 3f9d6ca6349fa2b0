import { DocumentRecordType, PageRecordType, TLDOCUMENT_ID, createTLStore, defaultBindingUtils, defaultShapeUtils, getIndices, type TLRecord, type TLShapePartial, type TLBindingCreate } from 'tldraw';
import { describe, expect, it } from 'vitest';
import { placeTemplate } from '../geometry.ts';
import type { TemplateResult } from '../types.ts';
import { allBuilds } from './builds.ts';

type UtilWithDefaults = { type: string; defaultOptions?: object; prototype: { getDefaultProps(this: object): object } };

function defaults(kind: 'shape' | 'binding', type: string): object {
  const utils = (kind === 'shape' ? defaultShapeUtils : defaultBindingUtils) as unknown as UtilWithDefaults[];
  const util = utils.find((u) => u.type === type);
  if (!util) throw new Error(`no ${kind} util ${type}`);
  return util.prototype.getDefaultProps.call({ options: util.defaultOptions ?? {}, editor: {} });
}

/** Full records, as `editor.createShapes` would make them, so the store's validators check every prop. */
function toRecords(result: TemplateResult, pageId: string): TLRecord[] {
  const indices = getIndices(result.shapes.length + 1);
  const shapes = result.shapes.map((s, i) => ({
    typeName: 'shape',
    index: indices[i + 1],
    parentId: pageId,
    ...s,
    props: { ...defaults('shape', s.type), ...s.props },
  }));
  const bindings = result.bindings.map((b) => ({ typeName: 'binding', ...b, props: { ...defaults('binding', b.type), ...b.props } }));
  return [...shapes, ...bindings] as unknown as TLRecord[];
}

describe('tldraw accepts every template', () => {
  it.each(allBuilds().map((b) => [`${b.template.id} (${b.set})`, b.result] as const))('%s validates in a real tldraw store', (_, result) => {
    const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
    const pageId = PageRecordType.createId('page');
    store.put([DocumentRecordType.create({ id: TLDOCUMENT_ID }), PageRecordType.create({ id: pageId, name: 'Page 1', index: 'a1' as never })]);
    const placed = placeTemplate(result, { x: 300, y: 200 }, { parentId: pageId });
    store.put(toRecords(placed, pageId));
    expect(store.query.records('shape').get()).toHaveLength(result.shapes.length);
    expect(store.query.records('binding').get()).toHaveLength(result.bindings.length);
    // The partials type-check as tldraw's own input types.
    const partials: TLShapePartial[] = placed.shapes;
    const bindings: TLBindingCreate[] = placed.bindings;
    expect(partials.length + bindings.length).toBeGreaterThan(0);
  });
});
