import { describe, expect, it } from 'vitest';
import { createShapeId, toRichText } from 'tldraw';
import { boardSchema } from './document.ts';
import { createShapeRecord } from './fixtures.ts';
import { seedFrame, seedNote, seedText } from './seedShapes.ts';

// Seeded shapes are written by the server without tldraw: they must be what tldraw itself would
// make (its defaults) and valid records of the board schema.

const at = { parentId: 'page:page' as never, index: 'a1', x: 10, y: 20 };

describe('seeded shapes', () => {
  it('have tldraw’s default props apart from what they set, and validate', () => {
    const note = seedNote({ ...at, id: createShapeId('n'), text: 'Harden token refresh\n@priya 2025-04-15' });
    expect(note.props).toEqual({ ...createShapeRecord({ id: note.id, type: 'note' }).props, color: 'yellow', richText: toRichText('Harden token refresh\n@priya 2025-04-15') });
    const frame = seedFrame({ ...at, id: createShapeId('f'), w: 600, h: 400, name: 'Follow-ups' });
    expect(frame.props).toEqual({ ...createShapeRecord({ id: frame.id, type: 'frame' }).props, w: 600, h: 400, name: 'Follow-ups' });
    const text = seedText({ ...at, id: createShapeId('t'), w: 500, text: 'From ADR-0001' });
    expect(text.props).toEqual({ ...createShapeRecord({ id: text.id, type: 'text' }).props, w: 500, font: 'sans', autoSize: false, richText: toRichText('From ADR-0001') });
    for (const shape of [note, frame, text]) {
      expect(Object.keys(shape).sort()).toEqual(Object.keys(createShapeRecord({ id: shape.id, type: shape.type })).sort());
      expect(() => boardSchema().validateRecord(null as never, shape, 'initialize', null)).not.toThrow();
    }
    expect(() => boardSchema().validateRecord(null as never, { ...note, props: { ...note.props, color: 'mauve' } } as never, 'initialize', null)).toThrow();
  });
});
