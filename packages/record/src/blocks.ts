import { DEFAULT_PARTY_LABELS } from '@accord/templates';
import { cell, inline, listItem } from './escape.ts';
import type { PlanItem, RecordArea, RecordNote, VoteSide } from './types.ts';

// The Markdown building blocks the record's renderings share (markdown.ts, madr.ts, adrTools.ts).
// Every piece of board text goes through escape.ts; a line we write that starts with `#` is
// therefore always one of our headings (board text cannot start one).

/** How each vote side is named in tables. */
export const SIDE_LABELS: Record<VoteSide, string> = { ...DEFAULT_PARTY_LABELS, facilitator: 'Facilitator', participant: 'Participant', other: 'Other' };

/** A rendered block, or null when there is nothing to show. */
export type Block = string | null;

/** A list item. */
const bullet = (text: string): string => `- ${listItem(text)}`;
/** A list of notes. */
export const bullets = (notes: readonly RecordNote[]): string => notes.map((n) => bullet(n.text)).join('\n');
/** `1 vote`, `2 votes`. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A bold label over a list of notes; null when there are none. */
export function labelled(label: string, notes: readonly RecordNote[]): Block {
  return notes.length ? `**${inline(label)}**\n\n${bullets(notes)}` : null;
}

/** A section: its heading and the blocks that are not empty; null when every block is. */
export function section(heading: string, blocks: readonly Block[]): Block {
  const body = blocks.filter((b): b is string => !!b);
  return body.length ? [heading, ...body].join('\n\n') : null;
}

/** One labelled list per area. */
export const areaBlocks = (areas: readonly RecordArea[], fallback: string): Block[] => areas.map((a) => labelled(a.label ?? fallback, a.notes));

/** True when the notes come from more than one area, so saying which one helps. */
export const mixedAreas = (notes: readonly { area: string | null }[]): boolean => new Set(notes.map((n) => n.area)).size > 1;

/** A GFM table; every cell already escaped. */
export function table(head: readonly string[], align: readonly ('left' | 'right')[], rows: readonly (readonly string[])[]): string {
  const rule = align.map((a) => (a === 'right' ? '---:' : '---'));
  return [head, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** The side a stage note belongs to: its area label without the stage (`Priya (EM) · Stage 2` → `Priya (EM)`). */
export const sideOf = (item: { area: string | null }): string => (item.area ?? '').replace(/(^| · )Stage \d+$/, '');

/** Plan items as a table, with owner and due columns only when some item names them. */
export function planTable(items: readonly PlanItem[], lead: { head: string; value: (item: PlanItem) => string }[], what: string): string {
  const owners = items.some((i) => i.owner);
  const dues = items.some((i) => i.due);
  const head = [...lead.map((l) => l.head), what, ...(owners ? ['Owner'] : []), ...(dues ? ['Due'] : [])];
  const rows = items.map((i) => [...lead.map((l) => l.value(i)), cell(i.text), ...(owners ? [i.owner ? cell(i.owner) : ''] : []), ...(dues ? [i.due ?? ''] : [])]);
  return table(head, head.map(() => 'left'), rows);
}

/** The block with each of our headings `by` levels deeper (`## Votes` → `### Votes`). */
export function demote(block: Block, by = 1): Block {
  return block === null ? null : block.replace(/^(#{1,5}) /gm, (_, h: string) => `${'#'.repeat(Math.min(6, h.length + by))} `);
}
