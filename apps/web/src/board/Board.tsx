import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Tldraw, atom, createTLStore, react, useValue, defaultBindingUtils, useTldrawCurrentUser, type Editor, type TLStore, type TLUserId } from 'tldraw';
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';
import 'tldraw/tldraw.css';
import { PARTIES, bindPresence, bindStoreToYDoc, readSession, updateSession, upsertPerson, voterKey, type Party, type PresenceBinding, type StoreBinding } from '@accord/board';
import { isLocalOnly, isWritingPrivately, setUpPrivateWriting, type PrivateWritingHandle } from './privateWriting.ts';
import { PrivateBanner, PrivateLayer } from './PrivateWriting.tsx';
import { PeoplePanel } from './PeoplePanel.tsx';
import { CurrentStep } from './AgendaPanel.tsx';
import { DecisionLog } from '../decisions/DecisionLog.tsx';
import { ExportMenu } from '../decisions/ExportMenu.tsx';
import { api, type BoardInfo } from '../lib/api.ts';
import type { Me } from '../lib/local.ts';
import { BoardConnection } from './connection.ts';
import { serverAssetStore } from './assets.ts';
import { allShapeUtils, shapeUtils } from './shapeUtils.ts';
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

interface Live {
  store: TLStore;
  binding: StoreBinding;
  presence: PresenceBinding;
  privateWriting: PrivateWritingHandle;
  mode: ReturnType<typeof atom<'readonly' | 'readwrite'>>;
  online: ReturnType<typeof atom<'offline' | 'online'>>;
}

/** A live board: the tldraw canvas bound to the board's Yjs rooms, with Accord's top bar. */
export function Board({ info, token, licenseKey, person, onRename, onPersonChange }: { info: BoardInfo; token: string; licenseKey: string | null; person: Me; onRename: (title: string) => void; onPersonChange: (next: Me) => void }) {
  const [conn, setConn] = useState<BoardConnection | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [live, setLive] = useState<Live | null>(null);
  const [sharing, setSharing] = useState(false);
  const [picking, setPicking] = useState(false);
  const [agendaOpen, setAgendaOpen] = useState(false);
  const [facilitating, setFacilitating] = useState(false);
  const [peopleOpen, setPeopleOpen] = useState(false);
  const [decisionsOpen, setDecisionsOpen] = useState(false);
  const [privateCount, setPrivateCount] = useState(0);
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
      shapeUtils: allShapeUtils,
      bindingUtils: defaultBindingUtils,
      assets: serverAssetStore(info.id, token),
      collaboration: { mode, status: online },
    });
    const binding = bindStoreToYDoc({
      store,
      doc: conn.content,
      readOnly: info.role === 'viewer',
      // Private writing: flagged notes stay on this device until the reveal.
      isLocalOnly: isLocalOnly(store),
      onInvalidRecord: (record, error) => {
        console.warn('Skipped a board record that failed validation', record, error);
        setSkipped((n) => n + 1);
      },
    });
    const p = personRef.current;
    const presence = bindPresence({ store, awareness: conn.provider.awareness, user: { id: p.id, name: p.name || 'Guest', color: p.color, role: info.role, party: p.party ?? null } });
    const privateWriting = setUpPrivateWriting({
      store,
      boardId: info.id,
      personId: p.id,
      current: () => (conn.facilitationSynced ? readSession(conn.facilitation).privateWriting : null),
      canWrite: () => info.role === 'facilitator' || (info.role === 'participant' && !readSession(conn.facilitation).locked),
      onCountChange: setPrivateCount,
    });
    setLive({ store, binding, presence, privateWriting, mode, online });
    return () => {
      privateWriting.dispose();
      presence.dispose();
      binding.dispose();
      setLive(null);
    };
  }, [conn, ready, info.id, info.role, token]);

  // Name or colour changes reach the others at once.
  useEffect(() => {
    live?.presence.setUser({ id: person.id, name: person.name || 'Guest', color: person.color, role: info.role, party: person.party ?? null });
  }, [live, person, info.role]);

  const sessionMap = conn?.facilitation.getMap('session') ?? null;
  // One validated reading of the shared session map (it is input from other clients).
  const session = conn ? readSession(conn.facilitation) : null;
  const timer = session?.timer ?? null;
  const focus = session?.focus ?? null;
  const vote = session?.voting ?? null;
  // Votes are tallied by side: the trifecta party when the voter gave one, else their board role.
  const ballotKey = vote ? voterKey(vote.id, person.party ?? info.role, person.id) : '';
  const privateWriting = session?.privateWriting ?? null;
  const privateRound = isWritingPrivately(privateWriting) ? privateWriting.id : null;
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

  // Private writing: publish what is no longer part of a running round (at the reveal, or on
  // reconnect after a reveal this client missed), once the session is known and writes are allowed.
  const facilitationSynced = conn?.facilitationSynced ?? false;
  const canWrite = info.role === 'facilitator' || (info.role === 'participant' && !locked);
  useEffect(() => {
    if (!live || !facilitationSynced || !canWrite) return;
    const published = live.privateWriting.publishSettled(privateWriting, { id: person.id, name: person.name || 'Guest' });
    if (published > 0) live.binding.flush();
  }, [live, facilitationSynced, canWrite, privateWriting?.id, privateWriting?.active, privateWriting?.revealed, person.id, person.name]);
  // Others see how many private notes each person holds, never the notes.
  useEffect(() => {
    conn?.provider.awareness.setLocalStateField('accordPrivate', { round: privateRound, count: privateRound ? privateCount : 0 });
  }, [conn, privateRound, privateCount]);

  // The people list remembers everyone who joined with write access (who is online comes from awareness).
  useEffect(() => {
    if (!conn || !live || conn.state !== 'live' || !canWrite || !person.name) return;
    const seen = () => upsertPerson(conn.content, { id: person.id, name: person.name, color: person.color, role: info.role, party: person.party ?? null, lastSeen: Date.now() });
    seen();
    const id = setInterval(seen, 60_000);
    return () => clearInterval(id);
  }, [conn, live, conn?.state, canWrite, person, info.role]);

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

  // "Follow me": participants follow the leader until they stop (tldraw stops following when they
  // move the camera themselves) or the leader ends it. Someone who stopped is not pulled back by
  // the same request.
  const followMe = session?.followMe ?? null;
  const leaderId = followMe && followMe.by !== person.id ? followMe.by : null;
  // The leader's presence record (cursor, camera) must have arrived before tldraw can follow it.
  const leaderPresent = useValue('leader present', () => !!editor && !!leaderId && editor.getCollaborators().some((c) => c.userId === `user:${leaderId}`), [editor, leaderId]);
  const followingLeader = useRef(false);
  const stoppedFor = useRef<number | null>(null);
  useEffect(() => {
    if (!editor) return;
    if (!leaderId || !followMe) {
      if (followingLeader.current) {
        followingLeader.current = false;
        editor.stopFollowingUser();
        setFollowingId(null);
      }
      return;
    }
    if (stoppedFor.current === followMe.at || !leaderPresent || followingLeader.current) return;
    editor.startFollowingUser(`user:${leaderId}` as TLUserId);
    if (editor.getInstanceState().followingUserId) {
      followingLeader.current = true;
      setFollowingId(leaderId);
    }
  }, [editor, leaderId, followMe?.at, leaderPresent]);
  useEffect(() => {
    if (!editor) return;
    return react('follow state', () => {
      const following = editor.getInstanceState().followingUserId;
      if (!following && followingLeader.current) {
        followingLeader.current = false;
        stoppedFor.current = followMe?.at ?? null;
        setFollowingId(null);
      }
    });
  }, [editor, followMe?.at]);
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
            <button className="button small" aria-pressed={peopleOpen} onClick={() => setPeopleOpen((v) => !v)} data-testid="people-button">
              People
            </button>
            <button className="button small" aria-pressed={decisionsOpen} onClick={() => setDecisionsOpen((v) => !v)} data-testid="decisions-button">
              Decisions
            </button>
            {editor && <ExportMenu editor={editor} title={title} />}
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
        <FacilitatorPanel
          session={sessionMap}
          timer={timer}
          locked={locked}
          offset={offset}
          editor={editor}
          me={person.id}
          vote={vote}
          content={conn.content}
          privateWriting={privateWriting}
          privateHeld={people.filter((p) => !p.isMe && p.privateRound !== null && p.privateRound === privateRound).reduce((n, p) => n + p.privateNotes, 0) + (privateRound ? privateCount : 0)}
          followMe={followMe}
          onClose={() => setFacilitating(false)}
        />
      )}
      {followingId && followingId === leaderId && (
        <div className="banner follow-banner" role="status" data-testid="follow-banner">
          Following {people.find((p) => p.userId === leaderId)?.name ?? 'the facilitator'} — the facilitator is leading.{' '}
          <button className="link" onClick={() => editor?.stopFollowingUser()}>
            Stop following
          </button>
        </div>
      )}
      {privateRound && <PrivateBanner people={people} round={privateRound} mine={privateCount} canWrite={canWrite} />}
      {editor && privateCount > 0 && <PrivateLayer editor={editor} />}
      {editor && session && <CurrentStep editor={editor} current={session.agendaStep} canLead={info.role === 'facilitator'} onStep={(key) => conn.facilitation && updateSession(conn.facilitation, { agendaStep: key })} />}
      {decisionsOpen && <DecisionLog boardId={info.id} token={token} role={info.role} onClose={() => setDecisionsOpen(false)} />}
      {peopleOpen && (
        <PeoplePanel
          doc={conn.content}
          online={people}
          vote={vote}
          privateRound={privateRound}
          myParty={person.party ?? null}
          canChangeParty={info.role !== 'viewer'}
          onParty={(party: Party | null) => onPersonChange({ ...person, party: PARTIES.includes(party as Party) ? party : null })}
          followingId={followingId}
          onFollow={(id) => {
            if (!editor) return;
            if (followingId === id) editor.stopFollowingUser(), setFollowingId(null);
            else editor.startFollowingUser(`user:${id}` as TLUserId), setFollowingId(id);
          }}
          onClose={() => setPeopleOpen(false)}
        />
      )}
      {vote && editor && (vote.open || vote.revealed) && (
        <>
          <VotingLayer editor={editor} doc={conn.content} setup={vote} ballotKey={ballotKey} canVote={!readOnly} />
          <VoteSummary editor={editor} doc={conn.content} setup={vote} ballotKey={ballotKey} canVote={!readOnly} />
        </>
      )}
      {agendaOpen && editor && (
        <AgendaPanel
          editor={editor}
          current={session?.agendaStep ?? null}
          canLead={info.role === 'facilitator'}
          onStep={(key) => updateSession(conn.facilitation, { agendaStep: key })}
          onClose={() => setAgendaOpen(false)}
        />
      )}
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
        // Awareness is input from other clients: read every field defensively.
        const { user, accordPrivate } = state as { user?: { id?: unknown; name?: unknown; color?: unknown; role?: unknown; party?: unknown }; accordPrivate?: { round?: unknown; count?: unknown } };
        if (!user || typeof user.id !== 'string' || !user.id) return;
        const role = user.role === 'facilitator' || user.role === 'participant' || user.role === 'viewer' ? user.role : null;
        const party = PARTIES.includes(user.party as Party) ? (user.party as Party) : null;
        const privateRound = typeof accordPrivate?.round === 'string' ? accordPrivate.round : null;
        const privateNotes = typeof accordPrivate?.count === 'number' && Number.isInteger(accordPrivate.count) && accordPrivate.count >= 0 ? accordPrivate.count : 0;
        const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
        list.push({ clientId, userId: user.id, name: str(user.name, 80) || 'Guest', color: str(user.color, 32) || '#888', role, party, isMe: clientId === awareness.clientID, privateRound, privateNotes });
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
