import { useEffect, useState } from 'react';
import type { Editor } from 'tldraw';

/** The board's title, live: it is kept in the tldraw document record, so a rename reaches everyone. */
export function useBoardTitle(editor: Editor | null, initial: string): [string, (title: string) => void] {
  const [title, setTitle] = useState(initial);
  useEffect(() => {
    if (!editor) return;
    const update = () => {
      const name = editor.getDocumentSettings().name;
      if (name) setTitle(name);
    };
    update();
    return editor.store.listen(update, { scope: 'document' });
  }, [editor]);
  return [title, setTitle];
}
