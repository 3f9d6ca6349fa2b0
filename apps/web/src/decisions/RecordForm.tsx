import { useState, type FormEvent } from 'react';
import { MAX_DECISION_LENGTH, MAX_INFORMED, MAX_OWNER_LENGTH, MAX_PERSON_NAME_LENGTH, MAX_TITLE_LENGTH } from '@accord/api';
import { api, ApiError, type RecordSummary } from '../lib/api.ts';
import { recordHref } from '../router.ts';
import { readNames, readSupersedesChoice } from './supersession.ts';
import { isDay, localToday, reviewDateProblem } from './reviewDate.ts';

/** The facilitator's form: title, decision, owner, review date, the record it supersedes, who to keep informed. */
export function RecordForm({ boardId, token, records, viewers, onRecorded }: { boardId: string; token: string; records: readonly RecordSummary[]; viewers: readonly string[]; onRecorded: () => void }) {
  const [title, setTitle] = useState('');
  const [decision, setDecision] = useState('');
  const [owner, setOwner] = useState('');
  const [reviewDate, setReviewDate] = useState('');
  const [supersedes, setSupersedes] = useState('');
  const [pasted, setPasted] = useState('');
  // Proposed from the viewers online; the facilitator may change it.
  const [informed, setInformed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ id: string; seq: number } | null>(null);
  const informedText = informed ?? viewers.join(', ');
  const choice = readSupersedesChoice(supersedes, pasted, boardId);
  // The decision is recorded now: its review cannot come before today.
  const today = localToday();
  const reviewProblem = reviewDateProblem(reviewDate, today);
  const problems = [
    !title.trim() ? 'a title' : title.trim().length > MAX_TITLE_LENGTH ? `a title of at most ${MAX_TITLE_LENGTH} characters` : null,
    !decision.trim() ? 'the decision' : decision.trim().length > MAX_DECISION_LENGTH ? `a decision of at most ${MAX_DECISION_LENGTH} characters` : null,
    owner.trim().length > MAX_OWNER_LENGTH ? `an owner of at most ${MAX_OWNER_LENGTH} characters` : null,
    reviewProblem ? (isDay(reviewDate) ? 'a review date on or after today' : 'a real review date') : null,
    choice === 'invalid' ? 'a record link to supersede (copy it from the record page)' : null,
    readNames(informedText).some((n) => n.length > MAX_PERSON_NAME_LENGTH) || readNames(informedText).length > MAX_INFORMED ? `at most ${MAX_INFORMED} names of at most ${MAX_PERSON_NAME_LENGTH} characters to inform` : null,
  ].filter(Boolean);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problems.length || busy || choice === 'invalid') return;
    setBusy(true);
    try {
      const view = await api.createRecord(boardId, token, {
        title: title.trim(),
        decision: decision.trim(),
        owner: owner.trim() || null,
        reviewDate: reviewDate || null,
        supersedes: choice,
        informed: readNames(informedText),
      });
      setDone({ id: view.id, seq: view.seq });
      for (const reset of [setTitle, setDecision, setOwner, setReviewDate, setSupersedes, setPasted]) reset('');
      setInformed(null);
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
      <input aria-label="Decision title" placeholder="Title, e.g. Ship weekly behind a flag" maxLength={MAX_TITLE_LENGTH} value={title} onChange={(e) => setTitle(e.target.value)} />
      <textarea aria-label="Decision statement" placeholder="What did the group decide?" rows={4} value={decision} onChange={(e) => setDecision(e.target.value)} />
      <div className="row">
        <input aria-label="Owner" placeholder="Owner (optional)" maxLength={MAX_OWNER_LENGTH} value={owner} onChange={(e) => setOwner(e.target.value)} />
        <input aria-label="Review date" type="date" min={today} value={reviewDate} aria-invalid={reviewProblem ? true : undefined} aria-describedby={reviewProblem ? 'review-date-problem' : undefined} onChange={(e) => setReviewDate(e.target.value)} />
      </div>
      {reviewProblem && (
        <p className="form-error" id="review-date-problem" data-testid="review-date-problem">
          {reviewProblem}
        </p>
      )}
      <select aria-label="Supersedes" value={supersedes} onChange={(e) => setSupersedes(e.target.value)}>
        <option value="">Supersedes no earlier decision</option>
        {[...records].reverse().map((r) => (
          <option key={r.id} value={`record:${r.id}`}>
            Supersedes #{r.seq} {r.title}
          </option>
        ))}
        <option value="link">Supersedes a record of another board (paste its link)…</option>
      </select>
      {supersedes === 'link' && <input aria-label="Link of the record to supersede" placeholder="https://…/b/…/records/…#t=…" value={pasted} onChange={(e) => setPasted(e.target.value)} />}
      <input aria-label="Informed" placeholder="Keep informed (names, comma separated)" value={informedText} onChange={(e) => setInformed(e.target.value)} />
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
