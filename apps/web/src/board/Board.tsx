import { useMemo, useState } from 'react';
import { Tldraw, useTldrawCurrentUser, type Editor } from 'tldraw';
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';
import 'tldraw/tldraw.css';
import { isParty, updateSession, voterKey } from '@accord/board';
import { api, type BoardInfo } from '../lib/api.ts';
import type { Me } from '../lib/local.ts';
import { DecisionLog } from '../decisions/DecisionLog.tsx';
import { ExportMenu } from '../decisions/ExportMenu.tsx';
import { writeAccess } from './access.ts';
import { shapeUtils } from './shapeUtils.ts';
import { insertTemplate } from './templates.ts';
import { useBoardConnection } from './useBoardConnection.ts';
import { useSession } from './useSession.ts';
import { useLiveStore } from './useLiveStore.ts';
import { usePrivateWriting } from './usePrivateWriting.ts';
import { usePeople, useRememberPerson } from './usePeople.ts';
import { useFollow } from './useFollow.ts';
import { useFocus } from './useFocus.ts';
import { useServerOffset } from './useServerOffset.ts';
import { useTemplateOnFirstOpen } from './useTemplateOnFirstOpen.ts';
import { useBoardTitle } from './useBoardTitle.ts';
import { TopBar } from './TopBar.tsx';
import { BoardBanners } from './BoardBanners.tsx';
import { PanelButton, usePanelToggle } from './SidePanel.tsx';
import { AgendaPanel, CurrentStep } from './AgendaPanel.tsx';
import { PeoplePanel } from './PeoplePanel.tsx';
import { FacilitatorPanel } from './FacilitatorPanel.tsx';
import { TimerChip } from './TimerChip.tsx';
import { VoteSummary, VotingLayer } from './Voting.tsx';
import { PrivateBanner, PrivateLayer } from './PrivateWriting.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import { TemplatePicker } from './TemplatePicker.tsx';

// Fonts, icons and translations come from our own bundle, so the board works air-gapped.
const assetUrls = getAssetUrlsByImport();

/** A live board: the tldraw canvas bound to the board's Yjs rooms, with Accord's top bar and panels. */
export function Board({ info, token, licenseKey, person, onRename, onPersonChange }: { info: BoardInfo; token: string; licenseKey: string | null; person: Me; onRename: (title: string) => void; onPersonChange: (next: Me) => void }) {
  const [editor, setEditor] = useState<Editor | null>(null);
  const [sharing, setSharing] = useState(false);
  const [picking, setPicking] = useState(false);
  const agenda = usePanelToggle();
  const peoplePanel = usePanelToggle();
  const decisions = usePanelToggle();
  const facilitate = usePanelToggle();

  const conn = useBoardConnection(info.id, token);
  const session = useSession(conn?.facilitation ?? null);
  const access = writeAccess(info.id, info.role, session?.locked ?? false);
  const { live, readOnly, newerSchema, skipped, structureBlockedAt } = useLiveStore({ conn, boardId: info.id, token, role: info.role, person, access, editor });
  const offset = useServerOffset();
  const people = usePeople(conn);
  useRememberPerson(conn, !!live, person, info.role, access.canEdit);
  const privateWriting = usePrivateWriting({ conn, live, boardId: info.id, person, session: session?.privateWriting ?? null, canWrite: access.canEdit });
  const follow = useFollow(editor, session?.followMe ?? null, person.id);
  useFocus(editor, session?.focus ?? null, person.id, offset);
  const [title, setTitle] = useBoardTitle(editor, info.title);
  useTemplateOnFirstOpen({ editor, boardId: info.id, templateId: info.template, canFacilitate: access.canFacilitate, live: conn?.state === 'live', onInserted: (t) => t.kind === 'method' && agenda.setOpen(true) });
  const tldrawUser = useTldrawCurrentUser({ userPreferences: { id: person.id, name: person.name || 'Guest', color: person.color } });
  const options = useMemo(() => ({ maxShapesPerPage: 20_000 }), []);

  if (!conn || !live) return <div className="board-loading">{conn && conn.state === 'offline' ? 'Waiting for the server…' : 'Loading board…'}</div>;

  const vote = session?.voting ?? null;
  // Votes are tallied by side: the trifecta party when the voter gave one, else their board role.
  const ballotKey = vote ? voterKey(vote.id, person.party ?? info.role, person.id) : '';
  const privateHeld = people.filter((p) => !p.isMe && p.privateRound !== null && p.privateRound === privateWriting.round).reduce((n, p) => n + p.privateNotes, 0) + (privateWriting.round ? privateWriting.count : 0);
  const runStep = (key: string | null) => updateSession(conn.facilitation, { agendaStep: key });
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
        followingId={follow.followingId}
        onShare={() => setSharing(true)}
        actions={
          <>
            {access.canFacilitate && !readOnly && (
              <button className="button small" onClick={() => setPicking(true)}>
                Templates
              </button>
            )}
            <PanelButton panel={agenda} label="Agenda" />
            <PanelButton panel={peoplePanel} label="People" testId="people-button" />
            <PanelButton panel={decisions} label="Decisions" testId="decisions-button" />
            {editor && <ExportMenu editor={editor} title={title} />}
            {access.canFacilitate && <PanelButton panel={facilitate} label="Facilitate" />}
            <TimerChip timer={session?.timer ?? null} offset={offset} />
          </>
        }
        onRename={async (next) => {
          // The server renames the board's document record itself; every open board follows it.
          await api.renameBoard(info.id, token, next);
          setTitle(next);
          onRename(next);
        }}
        onFollow={(p) => follow.toggle(p.userId)}
      />
      <BoardBanners
        newerSchema={newerSchema}
        lockedOut={access.lockedOut}
        refused={conn.refused}
        notice={conn.notice}
        skipped={skipped}
        structureBlockedAt={structureBlockedAt}
        followingLeader={follow.leaderId && follow.followingId === follow.leaderId ? { name: people.find((p) => p.userId === follow.leaderId)?.name ?? null } : null}
        onStopFollowing={() => editor?.stopFollowingUser()}
      />
      {facilitate.open && access.canFacilitate && editor && session && (
        <FacilitatorPanel doc={conn.facilitation} content={conn.content} session={session} offset={offset} editor={editor} me={person.id} privateHeld={privateHeld} opener={facilitate.button} onClose={facilitate.close} />
      )}
      {privateWriting.round && <PrivateBanner people={people} round={privateWriting.round} mine={privateWriting.count} canWrite={access.canEdit} />}
      {editor && privateWriting.count > 0 && <PrivateLayer editor={editor} />}
      {editor && session && <CurrentStep editor={editor} current={session.agendaStep} canLead={access.canFacilitate} onStep={runStep} />}
      {decisions.open && <DecisionLog boardId={info.id} token={token} role={info.role} opener={decisions.button} onClose={decisions.close} />}
      {peoplePanel.open && (
        <PeoplePanel
          doc={conn.content}
          online={people}
          vote={vote}
          privateRound={privateWriting.round}
          myParty={person.party ?? null}
          canChangeParty={info.role !== 'viewer'}
          onParty={(party) => onPersonChange({ ...person, party: isParty(party) ? party : null })}
          followingId={follow.followingId}
          onFollow={follow.toggle}
          opener={peoplePanel.button}
          onClose={peoplePanel.close}
        />
      )}
      {vote && editor && (vote.open || vote.revealed) && (
        <>
          <VotingLayer editor={editor} doc={conn.content} setup={vote} ballotKey={ballotKey} canVote={!readOnly} />
          <VoteSummary editor={editor} doc={conn.content} setup={vote} ballotKey={ballotKey} canVote={!readOnly} />
        </>
      )}
      {agenda.open && editor && <AgendaPanel editor={editor} current={session?.agendaStep ?? null} canLead={access.canFacilitate} onStep={runStep} opener={agenda.button} onClose={agenda.close} />}
      {picking && editor && (
        <TemplatePicker
          onClose={() => setPicking(false)}
          onInsert={(template, options) => {
            setPicking(false);
            insertTemplate(editor, template, options);
            if (template.kind === 'method') agenda.setOpen(true);
          }}
        />
      )}
      {sharing && <ShareDialog boardId={info.id} token={token} role={info.role} onClose={() => setSharing(false)} />}
    </div>
  );
}
