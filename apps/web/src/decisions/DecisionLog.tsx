import { useCallback, useEffect, useState, type FormEvent, type RefObject } from 'react';
import { api, ApiError, type ChainCheck, type RecordSummary, type Role } from '../lib/api.ts';
import { keepHead, keptHead } from './heads.ts';
import { recordHref } from '../router.ts';
import { SidePanel } from '../board/SidePanel.tsx';

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** The board's decision records, newest first, with the chain's verification; facilitators record new ones. */
export function DecisionLog({ boardId, token, role, opener, onClose }: { boardId: string; token: string; role: Role; opener?: RefObject<HTMLButtonElement | null>; onClose: () => void }) {
  const [records, setRecords] = useState<RecordSummary[] | null>(null);
  const [check, setCheck] = useState<ChainCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const list = await api.listRecords(boardId, token);
      setRecords(list.records);
      const verdict = await api.verifyRecords(boardId, token, keptHead(boardId));
      setCheck(verdict);
      if (verdict.ok) keepHead(boardId, verdict.head);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not load the decision log');
    }
  }, [boardId, token]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <SidePanel title="Decisions" label="Decision log" closeLabel="Close decision log" className="side-panel decision-log" testId="decision-log" opener={opener} onClose={onClose}>
      {role === 'facilitator' && <RecordForm boardId={boardId} token={token} onRecorded={() => void load()} />}
      {error && <p className="form-error">{error}</p>}
      {check && records && records.length > 0 && (
        <p className={`chain ${check.ok ? 'ok' : 'broken'}`} data-testid="chain-status">
          {check.ok ? `✓ Chain intact — ${check.count} record${check.count === 1 ? '' : 's'}, each linked to the one before by its SHA-256` : `✗ Chain broken at record #${check.brokenAt.seq} (${check.brokenAt.reason})`}
        </p>
      )}
      {records === null && !error && <p className="muted">Loading…</p>}
      {records?.length === 0 && <p className="muted">No decision recorded yet.{role === 'facilitator' ? ' Record one when the group has decided.' : ''}</p>}
      <ol className="record-list" reversed>
        {[...(records ?? [])].reverse().map((r) => (
          <li key={r.id} data-testid={`record-${r.seq}`}>
            <a href={recordHref(boardId, r.id, token)}>
              <strong>
                #{r.seq} {r.title}
              </strong>
            </a>
            <span className="muted">
              {new Date(r.createdAt).toLocaleString()} · <code title={r.hash}>{r.hash.slice(0, 12)}</code>
            </span>
          </li>
        ))}
      </ol>
    </SidePanel>
  );
}

function RecordForm({ boardId, token, onRecorded }: { boardId: string; token: string; onRecorded: () => void }) {
  const [title, setTitle] = useState('');
  const [decision, setDecision] = useState('');
  const [owner, setOwner] = useState('');
  const [reviewDate, setReviewDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ id: string; seq: number } | null>(null);
  const problems = [
    !title.trim() ? 'a title' : title.trim().length > 200 ? 'a title of at most 200 characters' : null,
    !decision.trim() ? 'the decision' : decision.trim().length > 5000 ? 'a decision of at most 5 000 characters' : null,
    owner.trim().length > 200 ? 'an owner of at most 200 characters' : null,
    reviewDate && !isDay(reviewDate) ? 'a real review date' : null,
  ].filter(Boolean);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problems.length || busy) return;
    setBusy(true);
    try {
      const view = await api.createRecord(boardId, token, { title: title.trim(), decision: decision.trim(), owner: owner.trim() || null, reviewDate: reviewDate || null });
      setDone({ id: view.id, seq: view.seq });
      setTitle('');
      setDecision('');
      setOwner('');
      setReviewDate('');
      setError(null);
      onRecorded();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Recording failed');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="record-form" onSubmit={submit} aria-label="Record a decision">
      <h3>Record a decision</h3>
      <p className="muted">Freezes the board as it is now, with a Markdown record drawn from it. Records cannot be changed afterwards.</p>
      <input aria-label="Decision title" placeholder="Title, e.g. Ship weekly behind a flag" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      <textarea aria-label="Decision statement" placeholder="What did the group decide?" rows={4} value={decision} onChange={(e) => setDecision(e.target.value)} />
      <div className="row">
        <input aria-label="Owner" placeholder="Owner (optional)" maxLength={200} value={owner} onChange={(e) => setOwner(e.target.value)} />
        <input aria-label="Review date" type="date" value={reviewDate} onChange={(e) => setReviewDate(e.target.value)} />
      </div>
      {(title || decision) && problems.length > 0 && <p className="muted">Still needed: {problems.join(', ')}.</p>}
      {error && <p className="form-error">{error}</p>}
      <button className="button primary small" type="submit" disabled={problems.length > 0 || busy}>
        {busy ? 'Recording…' : 'Record decision'}
      </button>
      {done && (
        <p data-testid="recorded">
          Recorded as #{done.seq}. <a href={recordHref(boardId, done.id, token)}>Open the record</a>
        </p>
      )}
    </form>
  );
}
