import { useEffect, useState } from 'react';
import type { Editor } from 'tldraw';
import { readAgendas, zoomToStep, type BoardAgenda } from './templates.ts';

/** The board's agendas (one per inserted method template); choosing a step zooms to its areas. */
export function AgendaPanel({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const [agendas, setAgendas] = useState<BoardAgenda[]>(() => readAgendas(editor));
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    const update = () => setAgendas(readAgendas(editor));
    return editor.store.listen(update, { scope: 'document' });
  }, [editor]);
  return (
    <aside className="agenda" aria-label="Agenda" data-testid="agenda">
      <header>
        <h2>Agenda</h2>
        <button className="button small" onClick={onClose} aria-label="Close agenda">
          ×
        </button>
      </header>
      {agendas.length === 0 && <p className="muted">Insert a method template to get its agenda here.</p>}
      {agendas.map((a, ai) => (
        <section key={`${a.template}-${ai}`}>
          <h3>{a.title}</h3>
          <ol>
            {a.steps.map((s) => {
              const key = `${ai}-${s.id}`;
              return (
                <li key={key}>
                  <button className="agenda-step" onClick={() => (zoomToStep(editor, s), setOpen(key))} data-testid={`agenda-step-${s.id}`}>
                    <span>{s.title}</span>
                    <span className="muted">{s.minutes} min</span>
                  </button>
                  {open === key && (
                    <div className="agenda-detail">
                      <p>
                        <strong>Goal.</strong> {s.goal}
                      </p>
                      <p>
                        <strong>Ask.</strong> {s.prompt}
                      </p>
                      <p>
                        <strong>Watch for.</strong> {s.pitfall}
                      </p>
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </aside>
  );
}
