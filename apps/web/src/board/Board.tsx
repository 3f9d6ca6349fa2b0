import { useEffect, useMemo, useState } from 'react';
import { Tldraw, useTldrawCurrentUser, type Editor } from 'tldraw';
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';
import 'tldraw/tldraw.css';
import { currentActivity, isParty, updateSession } from '@accord/board';
import { api, type BoardInfo } from '../lib/api.ts';
import { forgetBoard, fullBoards, rememberBoard, type Me } from '../lib/local.ts';
import { ErrorPage } from '../pages/ErrorPage.tsx';
import { boardHref } from '../router.ts';
import { DecisionLog } from '../decisions/DecisionLog.tsx';
import { viewerNames } from '../decisions/supersession.ts';
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
import { Dock, useDock, type DockTab } from './Dock.tsx';
import { AgendaPanel, CurrentStep } from './AgendaPanel.tsx';
import { DoneBar } from './DoneBar.tsx';
import { HeldTextNotice, useHeldText } from './HeldText.tsx';
import { useStepCamera } from './useStepCamera.ts';
import { PeoplePanel } from './PeoplePanel.tsx';
import { FacilitatorPanel, PrivateWritingSection, VoteSection } from './FacilitatorPanel.tsx';
import { TimerChip } from './TimerChip.tsx';
import { VoteSummary, VotingLayer } from './Voting.tsx';
import { useBallot } from './useBallot.ts';
import { PrivateBanner, PrivateLayer } from './PrivateWriting.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import { TemplatePicker } from './TemplatePicker.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';

// Fonts, icons and translations come from our own bundle, so the board works air-gapped.
const assetUrls = getAssetUrlsByImport();

/** A live board: the tldraw canvas bound to the board's Yjs rooms, with Accord's top bar and panels. */
export function Board({ info, token, licenseKey, person, onRename, onPersonChange }: { info: BoardInfo; token: string; licenseKey: string | null; person: Me; onRename: (title: string) => void; onPersonChange: (next: Me) => void }) {
  const [editor, setEditor] = useState<Editor | null>(null);
  const [sharing, setSharing] = useState(false);
  const [picking, setPicking] = useState(false);
  const dock = useDock(info.role === 'facilitator' ? 'run' : 'now');

  const conn = useBoardConnection(info.id, token);
  const session = useSession(conn?.facilitation ?? null);
  // A full board takes no more writes from anyone: it is read-only, with a banner saying why.
  const full = conn?.full ?? fullBoards.has(info.id);
  const granted = writeAccess(info.id, info.role, session?.locked ?? false);
  const access = full ? { ...granted, canEdit: false, lockedOut: false } : granted;
  const { live, readOnly, newerSchema, skipped, structureBlockedAt } = useLiveStore({ conn, boardId: info.id, token, role: info.role, person, access, editor });
  const offset = useServerOffset();
  const people = usePeople(conn);
  useRememberPerson(conn, !!live, person, info.role, access.canEdit);
  const privateWriting = usePrivateWriting({ conn, live, boardId: info.id, person, session: session?.privateWriting ?? null, canWrite: access.canEdit });
  const follow = useFollow(editor, session?.followMe ?? null, person.id);
  useStepCamera(editor, session?.agendaStep ?? null);
  const heldText = useHeldText(editor, info.id, access.canEdit);
  useFocus(editor, session?.focus ?? null, person.id, offset);
  const [title, setTitle] = useBoardTitle(editor, info.title);
  useTemplateOnFirstOpen({ editor, boardId: info.id, templateId: info.template, canFacilitate: access.canFacilitate, live: conn?.state === 'live', onInserted: (t) => t.kind === 'method' && dock.show('run') });
  const tldrawUser = useTldrawCurrentUser({ userPreferences: { id: person.id, name: person.name || 'Guest', color: person.color } });
  const options = useMemo(() => ({ maxShapesPerPage: 20_000 }), []);
  const vote = session?.voting ?? null;
  // Ballots are the server's: anyone but a viewer votes, as themselves, even on a locked board.
  const ballot = useBallot(info.id, token, vote, info.role !== 'viewer');
  const ended = conn?.ended ?? null;
  useEffect(() => {
    // The link this browser kept opens nothing any more.
    if (ended) forgetBoard(info.id);
  }, [ended, info.id]);

  if (ended) return <ErrorPage kind={ended} />;
  if (!conn || !live) return <div className="board-loading">{conn && conn.state === 'offline' ? 'Waiting for the server…' : 'Loading board…'}</div>;

  const privateHeld = people.filter((p) => !p.isMe && p.privateRound !== null && p.privateRound === privateWriting.round).reduce((n, p) => n + p.privateNotes, 0) + (privateWriting.round ? privateWriting.count : 0);
  const runStep = (key: string | null) => updateSession(conn.facilitation, { agendaStep: key });
  const facilitator = access.canFacilitate;
  const showVote = !!vote && (vote.open || vote.revealed);
  const stepCard = editor && session && <CurrentStep editor={editor} current={session.agendaStep} canLead={facilitator} onStep={runStep} />;
  const done = session && <DoneBar awareness={conn.provider.awareness} activity={currentActivity(session)} people={people} role={info.role} timer={session.timer} offset={offset} />;
  const agendaList = editor && <AgendaPanel editor={editor} current={session?.agendaStep ?? null} canLead={facilitator} onStep={runStep} />;
  const voteResults = showVote && editor && <VoteSummary editor={editor} setup={vote} ballot={ballot} />;
  // Under the facilitator's own "Dot vote" controls the summary is their dots and the results.
  const facilitatorResults = showVote && editor && <VoteSummary editor={editor} setup={vote} ballot={ballot} title={!vote.open ? 'Vote closed' : vote.revealed ? 'Results' : 'Your dots'} />;
  const tabs: DockTab[] = [
    ...(facilitator
      ? [
          { id: 'run', label: 'Run', render: () => (<>{stepCard}{done}{agendaList}{editor && session && <FacilitatorPanel doc={conn.facilitation} session={session} offset={offset} editor={editor} me={person.id} board={{ id: info.id, token, title }} />}</>) },
          { id: 'vote', label: 'Vote', badge: vote?.open ? '●' : null, render: () => (<>{editor && session && <VoteSection session={session} editor={editor} boardId={info.id} token={token} />}{facilitatorResults}</>) },
          { id: 'writing', label: 'Writing', badge: privateWriting.round ? '●' : null, render: () => session && <PrivateWritingSection doc={conn.facilitation} session={session} held={privateHeld} /> },
        ]
      : [{ id: 'now', label: 'Now', badge: vote?.open ? '●' : null, render: () => (<>{stepCard}{done}{voteResults}{agendaList}</>) }]),
    {
      id: 'people',
      label: 'People',
      render: () => (
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
        />
      ),
    },
    { id: 'decisions', label: 'Decisions', render: () => <DecisionLog boardId={info.id} token={token} role={info.role} viewers={viewerNames(people)} /> },
    ...(info.role === 'facilitator' ? [{ id: 'history', label: 'History', render: () => <HistoryPanel boardId={info.id} token={token} /> }] : []),
  ];
  return (
    <div className={`board-root${dock.open ? ' dock-open' : ''}`} data-testid="board" data-role={info.role}>
      <TopBar
        title={title}
        role={info.role}
        locked={session?.locked ?? false}
        state={conn.state}
        people={people}
        followingId={follow.followingId}
        onShare={() => setSharing(true)}
        timer={<TimerChip timer={session?.timer ?? null} offset={offset} />}
        actions={
          <>
            {facilitator && !readOnly && (
              <button type="button" className="button small" onClick={() => setPicking(true)}>
                Templates
              </button>
            )}
            {editor && <ExportMenu editor={editor} title={title} />}
          </>
        }
        dockButton={
          <button type="button" ref={dock.button} className="button small dock-toggle" aria-pressed={dock.open} aria-label={dock.open ? 'Hide the board tools' : 'Show the board tools'} onClick={dock.toggle} data-testid="dock-toggle">
            <span className="dock-toggle-long">{dock.open ? 'Hide panel' : facilitator ? 'Facilitate' : 'Panel'}</span>
            {/* A phone's top bar has room for a short word only. */}
            <span className="dock-toggle-short" aria-hidden="true">
              {dock.open ? 'Hide' : 'Tools'}
            </span>
          </button>
        }
        onRename={async (next) => {
          // The server renames the board's document record itself; every open board follows it.
          await api.renameBoard(info.id, token, next);
          setTitle(next);
          onRename(next);
        }}
        onFollow={(p) => follow.toggle(p.userId)}
      />
      <div className="board-main">
        <div className="canvas-area">
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
          {showVote && editor && <VotingLayer editor={editor} setup={vote} ballot={ballot} />}
          {editor && privateWriting.count > 0 && <PrivateLayer editor={editor} />}
          {/* Every notice in one stack: they never cover each other, nor the dock. */}
          <div className="notices" data-testid="notices">
            <BoardBanners
              newerSchema={newerSchema}
              lockedOut={access.lockedOut}
              refused={conn.refused}
              full={full}
              tooFast={conn.tooFast}
              presenceTooLarge={conn.presenceTooLarge}
              notice={conn.notice}
              skipped={skipped}
              structureBlockedAt={structureBlockedAt}
              followingLeader={follow.leaderId && follow.followingId === follow.leaderId ? { name: people.find((p) => p.userId === follow.leaderId)?.name ?? null } : null}
              onStopFollowing={() => editor?.stopFollowingUser()}
            />
            {privateWriting.round && <PrivateBanner people={people} round={privateWriting.round} mine={privateWriting.count} canWrite={access.canEdit} />}
            {heldText.held && <HeldTextNotice editor={editor} held={heldText.held} canEdit={access.canEdit} onRestore={heldText.restore} onDismiss={heldText.dismiss} />}
          </div>
        </div>
        <Dock state={dock} tabs={tabs} />
      </div>
      {picking && editor && (
        <TemplatePicker
          onClose={() => setPicking(false)}
          onInsert={(template, options) => {
            setPicking(false);
            insertTemplate(editor, template, options);
            if (template.kind === 'method') dock.show(facilitator ? 'run' : 'now');
          }}
        />
      )}
      {sharing && (
        <ShareDialog
          boardId={info.id}
          token={token}
          role={info.role}
          onClose={() => setSharing(false)}
          expectOwnLinkReset={(expected) => conn.expectOwnLinkReset(expected)}
          onOwnLinkReset={(fresh) => {
            // Our socket closed for the old link; the page reopens the board with the new one.
            rememberBoard({ id: info.id, title, role: info.role, token: fresh, lastOpened: Date.now() });
            window.history.replaceState(null, '', boardHref(info.id, fresh));
            window.dispatchEvent(new PopStateEvent('popstate'));
          }}
        />
      )}
    </div>
  );
}
