import { describe, expect, it } from 'vitest';
import type { TLRecord } from 'tldraw';
import { readRecords } from '@accord/board';
import { toRichText } from '@accord/templates';
import { diffBoards } from './diff.ts';
import { TestBoard } from './test/boards.ts';

/** The records of a needs board with three notes; `edit` changes the copy before it is written. */
function needsBoard(edit: (b: TestBoard) => void = () => {}): TLRecord[] {
  const b = new TestBoard();
  b.template('needs-vs-positions');
  b.note('em-position', 'Rewrite billing', { id: 'shape:rewrite' });
  b.note('pm-position', 'Ship SSO by Q2', { id: 'shape:sso' });
  b.note('em-need', 'Keep the team', { id: 'shape:team' });
  edit(b);
  return readRecords(b.write().content);
}

const replace = (records: TLRecord[], id: string, change: (r: Record<string, unknown>) => Record<string, unknown>): TLRecord[] =>
  records.map((r) => (r.id === id ? (change(r as unknown as Record<string, unknown>) as unknown as TLRecord) : r));

describe('diffBoards', () => {
  it('finds nothing between a board and itself, or a copy with its notes nudged within their frames', () => {
    const before = needsBoard();
    expect(diffBoards(before, before)).toEqual({ added: [], removed: [], changed: [] });
    const nudged = replace(before, 'shape:sso', (r) => ({ ...r, x: (r.x as number) + 30, y: (r.y as number) + 10 }));
    expect(diffBoards(before, nudged)).toEqual({ added: [], removed: [], changed: [] });
  });

  it('lists notes added and removed, with their areas', () => {
    const before = needsBoard();
    const after = needsBoard((b) => {
      b.note('pm-need', 'Prove value to Acme', { id: 'shape:acme' });
      b.looseNote('Coffee at 3', { x: 0, y: 9000 }, 'shape:coffee'); // below the template
    }).filter((r) => r.id !== 'shape:rewrite');
    expect(diffBoards(before, after)).toEqual({
      added: [
        { id: 'shape:acme', type: 'note', text: 'Prove value to Acme', area: 'PM · True need' },
        { id: 'shape:coffee', type: 'note', text: 'Coffee at 3', area: null },
      ],
      removed: [{ id: 'shape:rewrite', type: 'note', text: 'Rewrite billing', area: 'EM · Stated position' }],
      changed: [],
    });
  });

  it('lists notes whose text changed, or that moved to another area', () => {
    const before = needsBoard();
    const constraint = needsBoard().find((r) => (r as { meta?: { accord?: { area?: string } } }).meta?.accord?.area === 'em-constraint')!.id;
    let after = replace(before, 'shape:sso', (r) => ({ ...r, props: { ...(r.props as object), richText: toRichText('Ship SSO by Q3') } }));
    after = replace(after, 'shape:team', (r) => ({ ...r, parentId: constraint }));
    expect(diffBoards(before, after).changed).toEqual([
      { id: 'shape:sso', before: 'Ship SSO by Q2', after: 'Ship SSO by Q3', area: 'PM · Stated position', areaBefore: 'PM · Stated position', moved: false, textChanged: true },
      { id: 'shape:team', before: 'Keep the team', after: 'Keep the team', area: 'EM · Hidden constraint', areaBefore: 'EM · True need', moved: true, textChanged: false },
    ]);
  });

  it('counts text and geo shapes with text, and treats a note emptied of text as removed', () => {
    const before = needsBoard((b) => b.note('em-need', 'Boxed', { id: 'shape:geo', type: 'geo' }));
    const after = replace(
      needsBoard((b) => {
        b.note('em-need', 'Boxed', { id: 'shape:geo', type: 'geo' });
        b.note('em-need', 'A label', { id: 'shape:text', type: 'text' });
      }),
      'shape:rewrite',
      (r) => ({ ...r, props: { ...(r.props as object), richText: toRichText('  ') } }),
    );
    const diff = diffBoards(before, after);
    expect(diff.added).toEqual([{ id: 'shape:text', type: 'text', text: 'A label', area: 'EM · True need' }]);
    expect(diff.removed.map((n) => n.id)).toEqual(['shape:rewrite']);
  });

  it('ignores the template itself: a whole template added is no note added', () => {
    const empty = readRecords(new TestBoard().write().content);
    const template = needsBoard().filter((r) => !['shape:rewrite', 'shape:sso', 'shape:team'].includes(r.id));
    expect(diffBoards(empty, template)).toEqual({ added: [], removed: [], changed: [] });
  });
});
