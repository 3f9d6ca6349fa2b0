import type { Editor, TLShapeId, TLShapePartial, TLBindingCreate } from 'tldraw';
import { findFreeSpot, placeTemplate, type Template, type TemplateOptions } from '@accord/templates';
import { agendasOnBoard, readAgendas, withAgendas, type BoardAgenda, type BoardAgendaStep } from '@accord/board';

/**
 * Every agenda on the board (kept in the tldraw document record's meta, so it syncs), in insertion
 * order — those whose frames are still there, so undoing a template's insertion takes its agenda too.
 */
export function boardAgendas(editor: Editor): BoardAgenda[] {
  return agendasOnBoard(editor.getDocumentSettings().meta, (id) => editor.getShape(id as TLShapeId) !== undefined);
}

/** Zooms to the union of a step's frames that still exist. */
export function zoomToStep(editor: Editor, step: BoardAgendaStep): boolean {
  const bounds = stepPageBounds(editor, step);
  if (!bounds) return false;
  editor.zoomToBounds(bounds, { inset: 48, animation: { duration: 300 } });
  return true;
}

/** The page box around a step's frames, or null when none of them is on the board. */
export function stepPageBounds(editor: Editor, step: BoardAgendaStep): { x: number; y: number; w: number; h: number } | null {
  const boxes = step.areaIds.map((id) => editor.getShapePageBounds(id as TLShapeId)).filter((b): b is NonNullable<typeof b> => !!b);
  if (boxes.length === 0) return null;
  const x = Math.min(...boxes.map((b) => b.minX));
  const y = Math.min(...boxes.map((b) => b.minY));
  return { x, y, w: Math.max(...boxes.map((b) => b.maxX)) - x, h: Math.max(...boxes.map((b) => b.maxY)) - y };
}

/**
 * Inserts a template at the viewport centre — or the nearest spot clear of existing content — as
 * one undoable step, records its agenda on the board, and zooms to it.
 */
export function insertTemplate(editor: Editor, template: Template, options: TemplateOptions): void {
  const idPrefix = Math.random().toString(36).slice(2, 10);
  const built = template.build({ ...options, idPrefix });
  const existing = editor
    .getCurrentPageShapes()
    .filter((s) => editor.getShape(s.parentId as TLShapeId) === undefined)
    .map((s) => editor.getShapePageBounds(s))
    .filter((b): b is NonNullable<typeof b> => !!b)
    .map((b) => ({ x: b.x, y: b.y, w: b.w, h: b.h }));
  const center = editor.getViewportPageBounds().center;
  const at = findFreeSpot(existing, { w: built.bounds.w, h: built.bounds.h }, { x: center.x, y: center.y });
  const placed = placeTemplate(built, at, { parentId: editor.getCurrentPageId() });
  editor.run(() => {
    editor.markHistoryStoppingPoint(`insert ${template.id}`);
    editor.createShapes(placed.shapes as unknown as TLShapePartial[]);
    if (placed.bindings.length) editor.createBindings(placed.bindings as unknown as TLBindingCreate[]);
    if (placed.agenda.length) {
      const meta = editor.getDocumentSettings().meta;
      const agendas = [...readAgendas(meta), { template: template.id, title: template.title, steps: placed.agenda }];
      editor.updateDocumentSettings({ meta: withAgendas(meta, agendas) as never });
    }
  });
  editor.zoomToBounds(placed.bounds, { inset: 64, animation: { duration: 300 } });
}
