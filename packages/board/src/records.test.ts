import { describe, expect, it } from 'vitest';
import { createBindingId, createShapeId, toRichText, type TLRecord } from 'tldraw';
import { createBindingRecord, createShapeRecord } from './fixtures.ts';
import { isDocumentRecord, richTextToPlainText } from './records.ts';
import { validateDocumentRecord } from './schema.ts';
import { emptyStore } from './test/helpers.ts';

const schema = emptyStore().schema;

describe('records without an Editor', () => {
  it('completes partials of the shapes Accord uses into records tldraw accepts', () => {
    for (const type of ['frame', 'note', 'geo', 'text', 'arrow', 'line', 'draw', 'highlight', 'image', 'embed', 'bookmark', 'group', 'video'] as const) {
      const shape = createShapeRecord({ id: createShapeId(type), type });
      expect(() => validateDocumentRecord(schema, shape), type).not.toThrow();
    }
    const binding = createBindingRecord({ id: createBindingId('b'), type: 'arrow', fromId: createShapeId('arrow'), toId: createShapeId('note'), props: { terminal: 'end' } });
    expect(validateDocumentRecord(schema, binding)).toMatchObject({ props: { terminal: 'end', isPrecise: false } });
  });

  it('keeps given props and meta over the defaults', () => {
    const shape = createShapeRecord({ id: createShapeId('n'), type: 'note', x: 5, meta: { accord: { kind: 'need' } }, props: { color: 'violet', richText: toRichText('Hi') } });
    expect(shape).toMatchObject({ x: 5, meta: { accord: { kind: 'need' } }, props: { color: 'violet', richText: toRichText('Hi'), size: 'm' } });
  });

  it('tells document records from session and presence ones by schema scope', () => {
    const kinds = (typeName: string) => isDocumentRecord({ typeName } as Pick<TLRecord, 'typeName'>, schema);
    expect(['document', 'page', 'shape', 'binding', 'asset', 'user'].map(kinds)).toEqual([true, true, true, true, true, true]);
    expect(['instance', 'camera', 'pointer', 'instance_page_state', 'instance_presence', 'alien'].map(kinds)).toEqual([false, false, false, false, false, false]);
    expect(isDocumentRecord({ typeName: 'shape' })).toBe(true);
  });

  it('extracts plain text from rich text', () => {
    expect(richTextToPlainText(toRichText('One line'))).toBe('One line');
    expect(richTextToPlainText(toRichText('first\nsecond'))).toBe('first\nsecond');
    expect(richTextToPlainText(toRichText(''))).toBe('');
    const list = { type: 'doc', content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a', marks: [{ type: 'bold' }] }] }] }, { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'b' }, { type: 'hardBreak' }, { type: 'text', text: 'c' }] }] }] }] };
    expect(richTextToPlainText(list)).toBe('a\nb\nc');
    expect(richTextToPlainText(null)).toBe('');
  });
});
