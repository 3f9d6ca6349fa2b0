import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ConnectionState } from './connection.ts';
import type { OnlinePerson } from './usePeople.ts';
import type { Role } from '../lib/api.ts';

const STATUS_TEXT: Record<ConnectionState, string> = { connecting: 'Connecting…', live: 'Live', offline: 'Offline — reconnecting' };

function initials(name: string): string {
  const parts = name.replace(/[^\p{L}\p{N}\s]/gu, ' ').trim().split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? parts[0]![0]! + parts[parts.length - 1]![0]! : (parts[0] ?? '?').slice(0, 2)).toUpperCase();
}

/** The board's top bar: home, title (facilitators rename it), connection state, people, share. */
export function TopBar(props: {
  title: string;
  role: Role;
  /** The facilitator has locked the board: shown to everyone, the facilitator too. */
  locked: boolean;
  state: ConnectionState;
  people: OnlinePerson[];
  followingId: string | null;
  onRename: (title: string) => Promise<void>;
  onFollow: (person: OnlinePerson) => void;
  onShare: () => void;
  /** Extra buttons (templates, export), shown before Share — in a menu on a phone. */
  actions?: ReactNode;
  /** The timer, in the middle, never squeezed. */
  timer?: ReactNode;
  /** The button that shows or hides the dock. */
  dockButton?: ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const more = useRef<HTMLButtonElement>(null);
  const [draft, setDraft] = useState(props.title);
  const [error, setError] = useState<string | null>(null);
  const canRename = props.role === 'facilitator';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const t = draft.trim();
    if (!t || t === props.title) return setEditing(false);
    try {
      await props.onRename(t);
      setError(null);
      setEditing(false);
    } catch {
      setError('Rename failed');
    }
  };

  return (
    <div className="topbar" data-testid="topbar">
      <a className="home-link" href="/" title="Your boards">
        Accord
      </a>
      {editing ? (
        <form onSubmit={submit}>
          {/* biome-ignore lint/a11y/noAutofocus: the field appears because its title was just clicked to rename it. */}
          <input className="title" aria-label="Board title" autoFocus maxLength={200} value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={submit} onKeyDown={(e) => e.key === 'Escape' && setEditing(false)} />
        </form>
      ) : canRename ? (
        <button type="button" className="title" title="Rename board" data-testid="board-title" onClick={() => {
            setDraft(props.title);
            setEditing(true);
          }}>
          {props.title}
        </button>
      ) : (
        <span className="title" data-testid="board-title">
          {props.title}
        </span>
      )}
      {error && <span className="form-error">{error}</span>}
      <span className={`status status-${props.state}`} data-testid="connection-state" data-state={props.state}>
        {STATUS_TEXT[props.state]}
      </span>
      {props.role !== 'facilitator' && <span className={`role role-${props.role}`}>{props.role}</span>}
      {props.locked && (
        <span className="locked-pill" title={props.role === 'facilitator' ? 'Participants cannot edit until you unlock the board' : 'The facilitator has locked the board'} data-testid="locked-pill">
          <svg width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.4" aria-hidden="true">
            <rect x="5" y="11" width="14" height="10" rx="2" />
            <path d="M8 11V7a4 4 0 0 1 8 0v4" />
          </svg>{' '}
          Locked
        </span>
      )}
      <span className="topbar-timer">{props.timer}</span>
      <div className="people" data-testid="people">
        {props.people.map((p) => (
          <button type="button"
            key={p.clientId}
            className={`avatar${props.followingId === p.userId ? ' following' : ''}`}
            style={{ background: p.color }}
            title={p.isMe ? `${p.name} (you)` : props.followingId === p.userId ? `Following ${p.name} — click to stop` : `${p.name}${p.role ? ` · ${p.role}` : ''} — click to follow`}
            aria-label={p.isMe ? `${p.name} (you)` : `Follow ${p.name}`}
            disabled={p.isMe}
            onClick={() => props.onFollow(p)}
          >
            {initials(p.name || '?')}
          </button>
        ))}
      </div>
      {/* On a phone the actions fold into a menu, so every one of them stays reachable. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: delegation only: it watches clicks and Escape on the buttons inside to close the phone menu. */}
      <div
        className={`topbar-actions${menuOpen ? ' open' : ''}`}
        data-testid="topbar-actions"
        onClick={(e) => {
          // An action chosen closes the menu, and the focus goes back to ⋯ (a dialog it opens returns it there);
          // the export button only opens its own list.
          const button = (e.target as HTMLElement).closest('button');
          if (!button || button.hasAttribute('aria-haspopup') || !menuOpen) return;
          setMenuOpen(false);
          more.current?.focus({ preventScroll: true });
        }}
        onKeyDown={(e) => e.key === 'Escape' && menuOpen && setMenuOpen(false)}
      >
        {props.actions}
        <button type="button" className="button primary small" onClick={props.onShare}>
          Share
        </button>
      </div>
      <button
        type="button"
        ref={more}
        className="button small topbar-more"
        aria-expanded={menuOpen}
        aria-label="More: templates, export, share"
        data-testid="topbar-more"
        onClick={() => setMenuOpen((o) => !o)}
        onKeyDown={(e) => e.key === 'Escape' && setMenuOpen(false)}
      >
        ⋯
      </button>
      {props.dockButton}
    </div>
  );
}
