import { useEffect } from 'react';
import type { Editor } from 'tldraw';
import { TEMPLATE_APPLIED_META, readFollowUpOf, readTemplateApplied } from '@accord/board';
import { getTemplate, type Template } from '@accord/templates';
import { pendingTemplate } from '../lib/local.ts';
import { insertTemplate } from './templates.ts';

/**
 * A board created from a template gets it when its facilitator first opens it, once: the document
 * record remembers it (`TEMPLATE_APPLIED_META`), and a board that already has shapes is left alone —
 * except a follow-up session, which the server seeds with the follow-ups it carries: its template
 * goes beside them.
 * The options chosen on the home page come from this tab's session storage.
 */
export function useTemplateOnFirstOpen(opts: {
  editor: Editor | null;
  boardId: string;
  templateId: string | null | undefined;
  /** Only someone who runs the session inserts it. */
  canFacilitate: boolean;
  /** Connected: the board's own state is known, so an empty page really is empty. */
  live: boolean;
  onInserted: (template: Template) => void;
}): void {
  const { editor, boardId, templateId, canFacilitate, live } = opts;
  const { onInserted } = opts;
  // biome-ignore lint/correctness/useExhaustiveDependencies: onInserted is a fresh closure each render; the insertion depends on the board, not on it.
  useEffect(() => {
    if (!editor || !canFacilitate || !templateId || !live) return;
    const meta = editor.getDocumentSettings().meta;
    if (readTemplateApplied(meta) || (editor.getCurrentPageShapeIds().size > 0 && !readFollowUpOf(meta))) return;
    const template = getTemplate(templateId);
    if (!template) return;
    editor.updateDocumentSettings({ meta: { ...meta, [TEMPLATE_APPLIED_META]: template.id } });
    insertTemplate(editor, template, pendingTemplate.take(boardId) ?? {});
    onInserted(template);
  }, [editor, boardId, templateId, canFacilitate, live]);
}
