import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { FrameShapeUtil, Tldraw, atom, createTLStore, defaultBindingUtils, defaultShapeUtils, useTldrawCurrentUser, type Editor, type TLStore, type TLUserId } from 'tldraw';
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';
import 'tldraw/tldraw.css';
import { bindPresence, bindStoreToYDoc, readSession, voterKey, type PresenceBinding, type StoreBinding } from '@accord/board';
import { api, type BoardInfo } from '../lib/api.ts';
import type { Me } from '../lib/local.ts';
import { BoardConnection } from './connection.ts';
import { serverAssetStore } from './assets.ts';
import { TopBar, type Person } from './TopBar.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import { TemplatePicker } from './TemplatePicker.tsx';
import { AgendaPanel } from './AgendaPanel.tsx';
import { insertTemplate } from './templates.ts';
import { getTemplate } from '@accord/templates';
import { pendingTemplate } from '../lib/local.ts';
import { FacilitatorPanel, TimerChip } from './Facilitation.tsx';
import { measureServerOffset } from './clock.ts';

import { VoteSummary, VotingLayer } from './Voting.tsx';

// Fonts, icons and translations come from our own bundle, so the board works air-gapped.
const assetUrls = getAssetUrlsByImport();
// Frames show their colour, so a template's party areas read at a glance.
const shapeUtils = [FrameShapeUtil.configure({ showColors: true })];

interface Live {
  store: TLStore;
  binding: StoreBinding;
  presence: PresenceBinding;
  mode: ReturnType<typeof atom<'readonly' | 'readwrite'>>;
  online: ReturnType<typeof atom<'offline' | 'online'>>;
}

/** A live board: the tldraw canvas bound to the board's Yjs rooms, with Accord's top bar. */
export function Board({ info, token, licenseKey, person, onRename }: { info: BoardInfo; token: string; licenseKey: string | null; person: Me; onRename: (title: string) => void }) {
  const [conn, setConn] = useState<BoardConnection | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [live, setLive] = useState<Live | null>(null);
  const [sharing, setSharing] = useState(false);
  const [picking, setPicking] = useState(false);
  const [agendaOpen, setAgendaOpen] = useState(false);
  const [facilitating, setFacilitating] = useState(false);
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    void measureServerOffset().then(setOffset);
  }, []);
  const [title, setTitle] = useState(info.title);
  const [followingId, setFollowingId] = useState<string | null>(null);
  const [skipped, setSkipped] = useState(0);
  const personRef = useRef(person);
  personRef.current = person;

  useEffect(() => {
    const c = new BoardConnection(info.id, token);
    setConn(c);
    const unsubscribe = c.subscribe(rerender);
    return () => {
      unsubscribe();
      c.destroy();
    };
  }, [info.id, token]);

  const ready = conn?.ready ?? false;
  useEffect(() => {
    if (!conn || !ready) return;
    const mode = atom<'readonly' | 'readwrite'>('accord-mode', info.role === 'viewer' ? 'readonly' : 'readwrite');
    const online = atom<'offline' | 'online'>('accord-online', 'online');
    const store = createTLStore({
      shapeUtils: [...defaultShapeUtils.filter((u) => u.type !== 'frame'), ...shapeUtils],
      bindingUtils: defaultBindingUtils,
      assets: serverAssetStore(info.id, token),
      collaboration: { mode, status: online },
    });
    const binding = bindStoreToYDoc({
      store,
      doc: conn.content,
      readOnly: info.role === 'viewer',
      onInvalidRecord: (record, error) => {
        console.warn('Skipped a board record that failed validation', record, error);
        setSkipped((n) => n + 1);
      },
    });
    const p = personRef.current;
    const presence = bindPresence({ store, awareness: conn.provider.awareness, user: { id: p.id, name: p.name || 'Guest', color: p.color, role: info.role } });
    setLive({ store, binding, presence, mode, online });
    return () => {
      presence.dispose();
      binding.dispose();
      setLive(null);
    };
  }, [conn, ready, info.id, info.role, token]);

  // Name or colour changes reach the others at once.
  useEffect(() => {
    live?.presence.setUser({ id: person.id, name: person.name || 'Guest', color: person.color, role: info.role });
  }, [live, person, info.role]);

  const sessionMap = conn?.facilitation.getMap('session') ?? null;
  // One validated reading of the shared session map (it is input from other clients).
  const session = conn ? readSession(conn.facilitation) : null;
  const timer = session?.timer ?? null;
  const focus = session?.focus ?? null;
  const vote = session?.voting ?? null;
  const ballotKey = vote ? voterKey(vote.id, info.role, person.id) : '';
  // "Bring everyone here": each participant's view moves once to the facilitator's; requests from
  // before this page opened are ignored, so a late joiner is not yanked around.
  const openedAt = useRef(Date.now());
  const seenFocus = useRef<number | null>(null);
  useEffect(() => {
    if (!editor || !focus || focus.by === person.id || seenFocus.current === focus.at) return;
    seenFocus.current = focus.at;
    if (focus.at < openedAt.current + offset - 5_000) return;
    editor.stopFollowingUser();
    editor.zoomToBounds({ x: focus.x, y: focus.y, w: focus.w, h: focus.h }, { animation: { duration: 400 } });
  }, [editor, focus, person.id, offset]);

  // Read-only: viewers always; participants while the facilitator has locked the board; anyone on a newer schema.
  const locked = !!session?.locked;
  const readOnly = info.role === 'viewer' || (locked && info.role === 'participant') || live?.binding.status.reason === 'newer-schema';
  useEffect(() => {
    if (!conn) return;
    const onChange = () => rerender();
    const map = conn.facilitation.getMap('session');
    map.observe(onChange);
    return () => map.unobserve(onChange);
  }, [conn]);
  useEffect(() => {
    // The binding stops writing too, so nothing the server would refuse is ever sent.
    live?.binding.setReadOnly(info.role === 'viewer' || (locked && info.role === 'participant'));
    live?.mode.set(readOnly ? 'readonly' : 'readwrite');
    editor?.updateInstanceState({ isReadonly: readOnly });
  }, [live, editor, readOnly, locked, info.role]);
  useEffect(() => {
    live?.online.set(conn?.state === 'live' ? 'online' : 'offline');
  }, [live, conn?.state]);

  // The board title lives in the tldraw document record, so a rename reaches everyone live.
  useEffect(() => {
    if (!editor) return;
    const update = () => {
      const name = editor.getDocumentSettings().name;
      if (name) setTitle(name);
    };
    update();
    return editor.store.listen(update, { scope: 'document' });
  }, [editor]);

  // A board created from a template gets it when its facilitator first opens it, once.
  useEffect(() => {
    if (!editor || info.role !== 'facilitator' || !info.template || conn?.state !== 'live') return;
    const meta = editor.getDocumentSettings().meta as Record<string, unknown>;
    if (meta.accordTemplateApplied || editor.getCurrentPageShapeIds().size > 0) return;
    const template = getTemplate(info.template);
    if (!template) return;
    editor.updateDocumentSettings({ meta: { ...meta, accordTemplateApplied: template.id } });
    insertTemplate(editor, template, pendingTemplate.take(info.id) ?? {});
    if (template.kind === 'method') setAgendaOpen(true);
  }, [editor, info.id, info.role, info.template, conn?.state]);

  // The server refused a write: drop the local copy and rejoin from the server's state.
  const refused = conn?.refused ?? null;
  useEffect(() => {
    if (!conn || !refused) return;
    const timer = setTimeout(() => void conn.discardLocalCopy().then(() => window.location.reload()), 2500);
    return () => clearTimeout(timer);
  }, [conn, refused]);

  const people = usePeople(conn, info.role);
  const tldrawUser = useTldrawCurrentUser({ userPreferences: { id: person.id, name: person.name || 'Guest', color: person.color } });

  const options = useMemo(() => ({ maxShapesPerPage: 20_000 }), []);

  if (!conn || !live) return <div className="board-loading">{conn && conn.state === 'offline' ? 'Waiting for the server…' : 'Loading board…'}</div>;

  return (
    <div className="board-root" data-testid="board" data-role={info.role}>
      <Tldraw
        store={live.store}
        shapeUtils={shapeUtils}
        assetUrls={assetUrls}
        licenseKey={licenseKey ?? undefined}
        user={tldrawUser}
        options={options}
        onMount={(e) => {
          setEditor(e);
          (window as unknown as { __accordEditor?: Editor }).__accordEditor = e;
          if (readOnly) e.updateInstanceState({ isReadonly: true });
        }}
      />
      <TopBar
        title={title}
        role={info.role}
        state={conn.state}
        people={people}
        followingId={followingId}
        onShare={() => setSharing(true)}
        actions={
          <>
            {!readOnly && (
              <button className="button small" onClick={() => setPicking(true)}>
                Templates
              </button>
            )}
            <button className="button small" aria-pressed={agendaOpen} onClick={() => setAgendaOpen((v) => !v)}>
              Agenda
            </button>
            {info.role === 'facilitator' && (
              <button className="button small" aria-pressed={facilitating} onClick={() => setFacilitating((v) => !v)}>
                Facilitate
              </button>
            )}
            <TimerChip timer={timer} offset={offset} />
          </>
        }
        onRename={async (next) => {
          await api.renameBoard(info.id, token, next);
          editor?.updateDocumentSettings({ name: next });
          setTitle(next);
          onRename(next);
        }}
        onFollow={(p) => {
          if (!editor) return;
          if (followingId === p.userId) {
            editor.stopFollowingUser();
            setFollowingId(null);
          } else {
            editor.startFollowingUser(`user:${p.userId}` as TLUserId);
            setFollowingId(p.userId);
          }
        }}
      />
      {live.binding.status.reason === 'newer-schema' && (
        <div className="banner" role="status">
          This board was saved by a newer version of Accord. It is read-only here — reload the page to update.
        </div>
      )}
      {locked && info.role === 'participant' && (
        <div className="banner" role="status" data-testid="locked-banner">
          The facilitator has locked the board. You can look around; editing is paused.
        </div>
      )}
      {refused && (
        <div className="banner" role="alert" data-testid="refused-banner">
          Your last change was not accepted ({refused}). Reloading the board as it is on the server…
        </div>
      )}
      {skipped > 0 && (
        <div className="banner" role="status">
          {skipped} item{skipped === 1 ? '' : 's'} on this board could not be shown (made by a newer or damaged client).
        </div>
      )}
      {facilitating && info.role === 'facilitator' && editor && sessionMap && (
        <FacilitatorPanel session={sessionMap} timer={timer} locked={locked} offset={offset} editor={editor} me={person.id} vote={vote} content={conn.content} onClose={() => setFacilitating(false)} />
      )}
      {vote && editor && (vote.open || vote.revealed) && (
        <>
          <VotingLayer editor={editor} doc={conn.content} setup={vote} ballotKey={ballotKey} canVote={!readOnly} />
          <VoteSummary editor={editor} doc={conn.content} setup={vote} ballotKey={ballotKey} canVote={!readOnly} />
        </>
      )}
      {agendaOpen && editor && <AgendaPanel editor={editor} onClose={() => setAgendaOpen(false)} />}
      {picking && editor && (
        <TemplatePicker
          onClose={() => setPicking(false)}
          onInsert={(template, options) => {
            setPicking(false);
            insertTemplate(editor, template, options);
            if (template.kind === 'method') setAgendaOpen(true);
          }}
        />
      )}
      {sharing && <ShareDialog boardId={info.id} token={token} role={info.role} onClose={() => setSharing(false)} />}
    </div>
  );
}

/** Everyone connected to the content room, from awareness; this browser first. */
function usePeople(conn: BoardConnection | null, myRole: string): Person[] {
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    if (!conn) return;
    const awareness = conn.provider.awareness;
    const update = () => {
      const list: Person[] = [];
      awareness.getStates().forEach((state, clientId) => {
        const user = (state as { user?: { id?: string; name?: string; color?: string; role?: string } }).user;
        if (!user?.id) return;
        const role = user.role === 'facilitator' || user.role === 'participant' || user.role === 'viewer' ? user.role : null;
        list.push({ clientId, userId: user.id, name: user.name || 'Guest', color: user.color || '#888', role, isMe: clientId === awareness.clientID });
      });
      list.sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name));
      setPeople(list);
    };
    awareness.on('change', update);
    update();
    return () => awareness.off('change', update);
  }, [conn, myRole]);
  return people;
}
