import { useCallback, useEffect, useState } from 'react';
import type { DecisionLogLayout } from '@accord/record';
import { api, ApiError, type ChainCheck, type FollowUpsView, type RecordSummary, type Role } from '../lib/api.ts';
import { keepHead, keptHead } from './heads.ts';
import { recordHref } from '../router.ts';
import { DockSection } from '../board/Dock.tsx';
import { downloadBlob } from './download.ts';
import { FollowUpList, StartFollowUp } from './FollowUps.tsx';
import { RecordForm } from './RecordForm.tsx';
import { knownToken, supersededLabel, supersederLabel } from './supersession.ts';

/**
 * The board's decision records, newest first, with the chain's verification, what supersedes
 * what, each record's follow-ups (due, overdue, review due) and the log as a zip; facilitators
 * record new ones and start follow-up sessions.
 */
export function DecisionLog({ boardId, token, role, viewers = [] }: { boardId: string; token: string; role: Role; viewers?: readonly string[] }) {
  const [records, setRecords] = useState<RecordSummary[] | null>(null);
  const [check, setCheck] = useState<ChainCheck | null>(null);
  const [followUps, setFollowUps] = useState<FollowUpsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [layout, setLayout] = useState<DecisionLogLayout>('madr');
  const load = useCallback(async () => {
    try {
      const [list, tracked] = await Promise.all([api.listRecords(boardId, token), api.followUps(boardId, token)]);
      setRecords(list.records);
      setFollowUps(tracked);
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
  const downloadLog = async () => {
    try {
      const { blob, filename } = await api.decisionLogZip(boardId, token, layout);
      downloadBlob(blob, filename);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The decision log could not be downloaded');
    }
  };
  const origin = followUps?.followUpOf;
  const originToken = origin ? knownToken(origin.boardId) : null;

  return (
    <DockSection label="Decision log" testId="decision-log" className="decision-log">
      {origin && (
        <p className="follow-up-of" data-testid="follow-up-of">
          This board follows up decision #{origin.seq}{' '}
          {originToken ? <a href={recordHref(origin.boardId, origin.recordId, originToken)}>{origin.title}</a> : <strong>{origin.title}</strong>} of another board.
        </p>
      )}
      {role === 'facilitator' && <RecordForm boardId={boardId} token={token} records={records ?? []} viewers={viewers} onRecorded={() => void load()} />}
      {error && <p className="form-error">{error}</p>}
      {check && records && records.length > 0 && (
        <p className={`chain ${check.ok ? 'ok' : 'broken'}`} data-testid="chain-status">
          {check.ok ? `✓ Chain intact — ${check.count} record${check.count === 1 ? '' : 's'}, each linked to the one before by its SHA-256` : `✗ Chain broken at record #${check.brokenAt.seq} (${check.brokenAt.reason})`}
        </p>
      )}
      {records && records.length > 0 && (
        <div className="row log-download">
          <select aria-label="Decision log layout" value={layout} onChange={(e) => setLayout(e.target.value as DecisionLogLayout)}>
            <option value="madr" title="docs/decisions/, for log4brains">MADR</option>
            <option value="adr-tools" title="doc/adr/, for adr-tools">adr-tools</option>
          </select>
          <button type="button" className="button small" onClick={() => void downloadLog()} data-testid="download-log">
            Download decision log (.zip)
          </button>
        </div>
      )}
      {records === null && !error && <p className="muted">Loading…</p>}
      {records?.length === 0 && <p className="muted">No decision recorded yet.{role === 'facilitator' ? ' Record one when the group has decided.' : ''}</p>}
      <ol className="record-list" reversed>
        {[...(records ?? [])].reverse().map((r) => {
          const tracked = followUps?.decisions.find((d) => d.id === r.id);
          return (
            <li key={r.id} data-testid={`record-${r.seq}`} className={r.supersededBy.length ? 'superseded' : ''}>
              <a href={recordHref(boardId, r.id, token)}>
                <strong>
                  #{r.seq} {r.title}
                </strong>
              </a>
              <span className="muted">
                {new Date(r.createdAt).toLocaleString()} · <code title={r.hash}>{r.hash.slice(0, 12)}</code>
              </span>
              {r.supersedes && <span className="supersedes">Supersedes {supersededLabel(r.supersedes, boardId)}</span>}
              {r.supersededBy.length > 0 && <span className="superseded-by">Superseded by {r.supersededBy.map(supersederLabel).join(', ')}</span>}
              {tracked && <FollowUpList decision={tracked} />}
              {role === 'facilitator' && tracked && !tracked.supersededBy.length && (tracked.followUps.length > 0 || tracked.reviewDate) && (
                <StartFollowUp boardId={boardId} token={token} recordId={r.id} seq={r.seq} />
              )}
            </li>
          );
        })}
      </ol>
    </DockSection>
  );
}
