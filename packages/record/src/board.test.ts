import { describe, expect, it } from 'vitest';
import { createTLStore, defaultBindingUtils, defaultShapeUtils, toRichText, type TLRecord } from 'tldraw';
import { readRecords } from '@accord/board';
import { readBoard } from './board.ts';
import { TestBoard } from './test/boards.ts';

const shape = (id: string, type: string, parentId: string, x: number, y: number, extra: Record<string, unknown> = {}): TLRecord =>
  ({ id, typeName: 'shape', type, parentId, x, y, rotation: 0, index: 'a1', isLocked: false, opacity: 1, meta: {}, props: type === 'note' ? { richText: toRichText(id) } : { w: 400, h: 400, name: id }, ...extra }) as unknown as TLRecord;

describe('test boards', () => {
  it('are boards tldraw accepts: every record validates in a real store', () => {
    const b = new TestBoard();
    b.template('partnership-workshop', { includeBusiness: true });
    b.note({ area: 'em-position', template: 'needs-vs-positions' }, 'A position');
    b.note({ area: 'verdict', template: 'diagnose' }, 'Boxed', { type: 'geo' });
    b.note({ area: 'verdict', template: 'diagnose' }, 'Text', { type: 'text' });
    b.looseNote('Loose', { x: 0, y: 0 });
    const records = readRecords(b.write().content);
    const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
    store.put(records);
    expect(store.allRecords().filter((r) => r.typeName === 'shape').length).toBe(records.filter((r) => r.typeName === 'shape').length);
  });
});

describe('reading a board', () => {
  it('orders by page, then by position on the page, through rotated frames', () => {
    const records = [
      { id: 'page:b', typeName: 'page', name: 'Second', index: 'a2', meta: {} },
      { id: 'page:a', typeName: 'page', name: 'First', index: 'a1', meta: {} },
      shape('shape:on-second-page', 'note', 'page:b', 0, -1000),
      // A frame turned a quarter turn clockwise: its local +x points down the page.
      shape('shape:turned', 'frame', 'page:a', 1000, 0, { rotation: Math.PI / 2 }),
      shape('shape:local-far-right', 'note', 'shape:turned', 300, 0),
      shape('shape:local-left', 'note', 'shape:turned', 0, 0),
      shape('shape:page-middle', 'note', 'page:a', 0, 150),
    ] as TLRecord[];
    expect(readBoard(records).items.map((i) => i.id)).toEqual(['shape:local-left', 'shape:page-middle', 'shape:local-far-right', 'shape:on-second-page']);
  });

  it('reads the plain text prop of boards written before rich text', () => {
    const old = { ...(shape('shape:old', 'note', 'page:page', 0, 0) as object), props: { text: 'Written in tldraw 2' } } as unknown as TLRecord;
    expect(readBoard([old]).items.map((i) => i.text)).toEqual(['Written in tldraw 2']);
  });

  it('knows what lies within a frame', () => {
    const board = readBoard([shape('shape:f', 'frame', 'page:page', 0, 0), shape('shape:g', 'frame', 'shape:f', 0, 0), shape('shape:n', 'note', 'shape:g', 0, 0), shape('shape:m', 'note', 'page:page', 0, 0)]);
    expect(['shape:n', 'shape:m', 'shape:f'].map((id) => board.isWithin(id, 'shape:f'))).toEqual([true, false, true]);
  });
});
