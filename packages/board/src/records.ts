import { createTLSchema, type TLRecord, type TLSchema } from '@tldraw/tlschema';

let defaultSchema: TLSchema | null = null;

/**
 * True for records that belong in the shared document (shapes, bindings, pages, the document,
 * assets, and tldraw v5's user and comment records), false for session and presence records.
 * Decided by the record type's scope in `schema` (default: tldraw's default schema).
 */
export function isDocumentRecord(record: Pick<TLRecord, 'typeName'>, schema?: TLSchema): boolean {
  const s = schema ?? defaultTLSchema();
  return Object.hasOwn(s.types, record.typeName) && s.types[record.typeName].scope === 'document';
}

function defaultTLSchema(): TLSchema {
  defaultSchema ??= createTLSchema();
  return defaultSchema;
}

const BLOCKS = new Set(['doc', 'paragraph', 'heading', 'blockquote', 'bulletList', 'orderedList', 'listItem', 'codeBlock']);

/**
 * The plain text of a tldraw rich text value (TipTap JSON, e.g. a note's `props.richText`): blocks
 * on their own lines, hard breaks as newlines, marks dropped. Pure; needs no Editor or DOM.
 */
export function richTextToPlainText(richText: unknown): string {
  const lines: string[] = [];
  let line = '';
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: unknown; text?: unknown; content?: unknown };
    if (n.type === 'text' && typeof n.text === 'string') line += n.text;
    else if (n.type === 'hardBreak') line += '\n';
    const block = typeof n.type === 'string' && BLOCKS.has(n.type) && n.type !== 'doc';
    if (Array.isArray(n.content)) for (const child of n.content) walk(child);
    if (block && (line || n.type === 'paragraph')) {
      lines.push(line);
      line = '';
    }
  };
  walk(richText);
  if (line) lines.push(line);
  return lines.join('\n');
}
