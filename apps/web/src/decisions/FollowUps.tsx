import { useState } from 'react';
import { templates } from '@accord/templates';
import type { LoggedDecision } from '@accord/record';
import { api, ApiError } from '../lib/api.ts';
import { openNewBoard } from '../router.ts';
import { STATE_BADGES } from './supersession.ts';

/** A record's follow-ups with their due state, and whether its review date has come. */
export function FollowUpList({ decision }: { decision: LoggedDecision }) {
  const open = decision.followUps.filter((f) => f.state !== 'closed');
  return (
    <div className="follow-ups" data-testid={`follow-ups-${decision.seq}`}>
      {decision.reviewDue && (
        <p className="review-due" data-testid={`review-due-${decision.seq}`}>
          Review due: the review date {decision.reviewDate} has come.
        </p>
      )}
      {decision.supersededBy.length > 0 && decision.followUps.length > 0 && <p className="muted">Superseded: its follow-ups are closed.</p>}
      {open.length > 0 && (
        <ul>
          {open.map((f) => (
            <li key={f.id} className={`follow-up ${f.state}`}>
              <span className={`badge ${f.state}`}>{STATE_BADGES[f.state]}</span> {f.text}
              <span className="muted">
                {[f.kind === 'stage' ? `stage ${f.stage}` : 'change', f.owner ? `owner ${f.owner}` : null, f.due ? `due ${f.due}` : null].filter(Boolean).join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * "Start the follow-up session": a new board from the chosen template (or none) carrying the
 * record's open follow-ups and a link back to it; opens it as its facilitator.
 */
export function StartFollowUp({ boardId, token, recordId, seq }: { boardId: string; token: string; recordId: string; seq: number }) {
  const [template, setTemplate] = useState<string>('partnership-health');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await api.startFollowUp(boardId, token, recordId, { template: template || null });
      openNewBoard(created);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The follow-up session could not be started');
      setBusy(false);
    }
  };
  return (
    <div className="start-follow-up">
      <select aria-label={`Template for the follow-up session of #${seq}`} value={template} onChange={(e) => setTemplate(e.target.value)}>
        <option value="">No template</option>
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title}
          </option>
        ))}
      </select>
      <button type="button" className="button small" disabled={busy} onClick={start} data-testid={`start-follow-up-${seq}`}>
        {busy ? 'Starting…' : 'Start the follow-up session'}
      </button>
      {error && <p className="form-error">{error}</p>}
    </div>
  );
}
