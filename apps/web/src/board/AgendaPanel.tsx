import { useState } from 'react';
import { useValue, type Editor } from 'tldraw';
import { agendaStepKey, type BoardAgenda, type BoardAgendaStep } from '@accord/board';
import { boardAgendas, zoomToStep } from './templates.ts';
import { DockSection } from './Dock.tsx';

/** The board's agendas, live: recomputed when the document's agendas or their frames change, not on every edit. */
function useAgendas(editor: Editor): BoardAgenda[] {
  return useValue('agendas', () => boardAgendas(editor), [editor]);
}

/** Every step in order, with its key. */
function flatSteps(agendas: BoardAgenda[]): Array<{ key: string; step: BoardAgendaStep; agenda: BoardAgenda }> {
  return agendas.flatMap((agenda, ai) => agenda.steps.map((step) => ({ key: agendaStepKey(ai, step.id), step, agenda })));
}

/**
 * The step the facilitator is running, for everyone: its goal and the question to answer. The
 * facilitator moves on from here (previous / next), which everyone sees at once.
 */
export function CurrentStep({ editor, current, canLead, onStep }: { editor: Editor; current: string | null; canLead: boolean; onStep: (key: string | null) => void }) {
  const steps = flatSteps(useAgendas(editor));
  const [collapsed, setCollapsed] = useState(false);
  const index = steps.findIndex((s) => s.key === current);
  if (index < 0) return null;
  const { step } = steps[index]!;
  const go = (i: number) => {
    const next = steps[i];
    if (!next) return;
    onStep(next.key);
    zoomToStep(editor, next.step);
  };
  return (
    <section className="current-step" aria-label="Current agenda step" data-testid="current-step">
      <header>
        <span className="muted">
          Step {index + 1} of {steps.length} · {step.minutes} min
        </span>
        <button type="button" className="link" onClick={() => setCollapsed((c) => !c)} aria-expanded={!collapsed}>
          {collapsed ? 'Show' : 'Hide'}
        </button>
      </header>
      <h2 data-testid="current-step-title">{step.title}</h2>
      {!collapsed && (
        <>
          <p>
            <strong>Goal.</strong> {step.goal}
          </p>
          <p>
            <strong>Ask.</strong> {step.prompt}
          </p>
          <div className="row">
            <button type="button" className="button small" onClick={() => zoomToStep(editor, step)} data-testid="back-to-step">
              Back to the step
            </button>
            {canLead && (
              <>
                <button type="button" className="button small" disabled={index === 0} onClick={() => go(index - 1)}>
                  Previous
                </button>
                <button type="button" className="button small primary" disabled={index === steps.length - 1} onClick={() => go(index + 1)} data-testid="next-step">
                  Next step
                </button>
                <button type="button" className="button small" onClick={() => onStep(null)}>
                  End agenda
                </button>
              </>
            )}
          </div>
        </>
      )}
    </section>
  );
}

/** The board's agendas (one per inserted method template); choosing a step zooms to its areas; facilitators run a step for everyone. */
export function AgendaPanel(props: { editor: Editor; current: string | null; canLead: boolean; onStep: (key: string | null) => void }) {
  const { editor, current, canLead, onStep } = props;
  const agendas = useAgendas(editor);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <DockSection title="Agenda" label="Agenda" testId="agenda" className="agenda">
      {agendas.every((a) => a.steps.length === 0) && <p className="muted">Insert a method template to get its agenda here.</p>}
      {agendas.map((a, ai) => a.steps.length > 0 && (
        // biome-ignore lint/suspicious/noArrayIndexKey: an agenda's place on the board is its identity (step keys are made from it, see agendaStepKey).
        <section key={`${a.template}-${ai}`}>
          <h3>{a.title}</h3>
          <ol>
            {a.steps.map((s) => {
              const key = agendaStepKey(ai, s.id);
              return (
                <li key={key} className={current === key ? 'current' : undefined}>
                  <button type="button" className="agenda-step" onClick={() => {
                      zoomToStep(editor, s);
                      setOpen(key);
                    }} data-testid={`agenda-step-${s.id}`}>
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
                      {canLead && current !== key && (
                        <button type="button" className="button small primary" onClick={() => onStep(key)} data-testid={`run-step-${s.id}`}>
                          Run this step with everyone
                        </button>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </DockSection>
  );
}
