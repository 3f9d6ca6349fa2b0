import { useEffect, useReducer } from 'react';
import type * as Y from 'yjs';
import { getPeopleMap, readPeople, type FacilitationVoting, type Party } from '@accord/board';
import { hasVoted } from './voting.ts';
import type { OnlinePerson } from './usePeople.ts';
import { PARTY_CHOICES, partyLabel } from './NamePrompt.tsx';
import { DockSection } from './Dock.tsx';

/** One row of the people panel: someone on the board now or earlier. */
export interface PersonRow {
  id: string;
  name: string;
  color: string;
  role: string | null;
  party: Party | null;
  online: boolean;
  isMe: boolean;
  lastSeen: number;
  /** Whether they have placed a dot in the open vote (the session says); null when no vote is open or it is anonymous. */
  voted: boolean | null;
  /** Private notes they hold in the running round (from their awareness), or null when none is running. */
  privateNotes: number | null;
}

/** Re-renders when the people map changes. */
function useDocChanges(doc: Y.Doc): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const people = getPeopleMap(doc);
    people.observe(bump);
    return () => people.unobserve(bump);
  }, [doc]);
}

/** Everyone who joined the board (the content doc's `people`), merged with who is connected now. */
function peopleRows(doc: Y.Doc, online: OnlinePerson[], vote: FacilitationVoting | null, privateRound: string | null): PersonRow[] {
  const rows = new Map<string, PersonRow>();
  for (const p of readPeople(doc)) {
    rows.set(p.id, { id: p.id, name: p.name, color: p.color, role: p.role, party: p.party, online: false, isMe: false, lastSeen: p.lastSeen, voted: null, privateNotes: null });
  }
  for (const o of online) {
    const prev = rows.get(o.userId);
    const privateNotes = privateRound && o.privateRound === privateRound ? o.privateNotes : prev?.privateNotes ?? null;
    rows.set(o.userId, {
      id: o.userId,
      name: o.name,
      color: o.color,
      role: o.role ?? prev?.role ?? null,
      party: o.party ?? prev?.party ?? null,
      online: true,
      isMe: o.isMe || !!prev?.isMe,
      lastSeen: Date.now(),
      voted: null,
      privateNotes: privateRound ? (privateNotes ?? 0) : null,
    });
  }
  for (const row of rows.values()) {
    if (row.role !== 'viewer') row.voted = hasVoted(vote, row.id);
    if (privateRound && row.privateNotes === null && row.role !== 'viewer') row.privateNotes = row.online ? 0 : null;
  }
  return [...rows.values()].sort((a, b) => Number(b.isMe) - Number(a.isMe) || Number(b.online) - Number(a.online) || a.name.localeCompare(b.name));
}

function ago(ms: number): string {
  const min = Math.round((Date.now() - ms) / 60_000);
  if (!ms) return 'away';
  if (min < 1) return 'left just now';
  if (min < 60) return `left ${min} min ago`;
  const h = Math.round(min / 60);
  return h < 24 ? `left ${h} h ago` : 'away';
}

/** Who is here: role, side, online or not, whether they voted (not in an anonymous vote), how many private notes they hold. */
export function PeoplePanel(props: {
  doc: Y.Doc;
  online: OnlinePerson[];
  vote: FacilitationVoting | null;
  privateRound: string | null;
  myParty: Party | null;
  canChangeParty: boolean;
  onParty: (party: Party | null) => void;
  followingId: string | null;
  onFollow: (personId: string) => void;
}) {
  useDocChanges(props.doc);
  const rows = peopleRows(props.doc, props.online, props.vote, props.privateRound);
  return (
    <DockSection label="People" testId="people-panel" className="people-panel">
      <p className="muted">
        {rows.filter((r) => r.online).length} here now{rows.some((r) => !r.online) ? `, ${rows.filter((r) => !r.online).length} away` : ''}
      </p>
      <ul className="people-list">
        {rows.map((r) => (
          <li key={r.id} data-testid={`person-${r.name}`} data-online={r.online}>
            <span className="dot" style={{ background: r.color, opacity: r.online ? 1 : 0.35 }} />
            <span className="who">
              <strong>{r.name}</strong>
              {r.isMe && ' (you)'}
              <span className="muted">
                {' · '}
                {r.role ?? 'guest'}
                {r.party ? ` · ${partyLabel(r.party)}` : ''}
                {' · '}
                {r.online ? 'online' : ago(r.lastSeen)}
              </span>
            </span>
            <span className="badges">
              {r.voted !== null && (
                <span className={`badge${r.voted ? ' ok' : ''}`} data-testid="person-voted">
                  {r.voted ? 'voted' : 'not voted'}
                </span>
              )}
              {r.privateNotes !== null && (
                <span className="badge private" data-testid="person-private">
                  {r.privateNotes} private
                </span>
              )}
              {!r.isMe && r.online && (
                <button type="button" className="link" onClick={() => props.onFollow(r.id)}>
                  {props.followingId === r.id ? 'Stop following' : 'Follow'}
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
      {props.canChangeParty && (
        <label className="party-select">
          I speak for{' '}
          <select aria-label="My side" value={props.myParty ?? ''} onChange={(e) => props.onParty((e.target.value || null) as Party | null)}>
            {PARTY_CHOICES.map((c) => (
              <option key={c.label} value={c.value ?? ''}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      )}
    </DockSection>
  );
}
