import type * as Y from 'yjs';
import type { TemplateId } from '@accord/templates';
import { buildDecisionRecord } from '../build.ts';
import type { DecisionInput, DecisionRecord } from '../types.ts';
import { LABELS, TestBoard } from './boards.ts';

// What the record-building tests share: one clock, one input, and a board of every template area.

export const AT = Date.UTC(2025, 2, 4, 15, 30);
export const INPUT: DecisionInput = { title: 'Stage the SSO work', statement: 'We ship SSO in two stages.' };

/** The record of a test board, as the server builds it. */
export function build(b: TestBoard, input: DecisionInput = INPUT, facilitation: Y.Doc | null = b.facilitation): DecisionRecord {
  return buildDecisionRecord({ boardId: 'board-0001', boardTitle: b.name, recordedAt: AT, input, content: b.content, facilitation });
}

/** A board of template `id` with one note in each of its areas (the note's text names the area), and its record. */
export function filledBoard(id: TemplateId) {
  const b = new TestBoard(id);
  b.template(id, { parties: LABELS, includeBusiness: true, stages: 3 });
  const notes = b
    .allFrames()
    .filter((f) => f.meta.accord.kind !== 'section')
    .map((f) => ({ frame: f, id: b.note(f.id, `${f.meta.accord.template}/${f.meta.accord.area}`) }));
  b.write();
  return { board: b, notes, record: build(b) };
}
