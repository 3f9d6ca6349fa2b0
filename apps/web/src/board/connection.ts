import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as decoding from 'lib0/decoding';
import { contentRoom, facilitationRoom } from '@accord/board';
import { PERSON_QUERY_PARAM } from '@accord/api';
import { CloseCode, Refusal, refusalQuota } from '@accord/relay/closeCodes';
import { personKey } from '../lib/local.ts';
import { nextNotice } from './closeNotice.ts';

/** Connection state shown in the top bar. */
export type ConnectionState = 'connecting' | 'live' | 'offline';

/** Why the server ended this board's sockets for good: nothing to reconnect to with this link. */
export type EndReason = 'link-reset' | 'board-deleted';

/**
 * The two Yjs rooms of a board (content and facilitation), each with an IndexedDB copy so edits
 * made offline survive a reload and merge on reconnect, and a stock y-websocket provider.
 */
export class BoardConnection {
  readonly content = new Y.Doc();
  readonly facilitation = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly facilitationProvider: WebsocketProvider;
  private readonly local: IndexeddbPersistence;
  private readonly localFacilitation: IndexeddbPersistence;
  private listeners = new Set<() => void>();
  private everSynced = false;
  private failedAttempts = 0;
  /** True once the local IndexedDB copy has been read. */
  localLoaded = false;
  /** Set when the server refused one of our writes (e.g. the board was locked mid-edit). */
  refused: string | null = null;
  /** Set when the board reached its size limit: the server's reason (no write is stored any more). */
  full: string | null = null;
  /** Set when the server said our presence (cursor, selection) is too large to show others. */
  presenceTooLarge = false;
  /** Set when the server closed a socket for sending too much too fast; cleared once back in sync. */
  tooFast = false;
  /** Set when the link was reset or the board deleted: the providers stop reconnecting. */
  ended: EndReason | null = null;
  /** This browser reset its own role's link: the close that follows is expected, not news. */
  private ownLinkReset = false;
  /** Why the server closed the connection (e.g. it cannot save right now), until synced again. */
  notice: string | null = null;

  constructor(boardId: string, token: string) {
    const wsBase = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/sync`;
    // Local copies load first so an offline reload shows the board at once.
    this.local = new IndexeddbPersistence(`accord:${contentRoom(boardId)}`, this.content);
    this.localFacilitation = new IndexeddbPersistence(`accord:${facilitationRoom(boardId)}`, this.facilitation);
    void this.local.whenSynced.then(() => {
      this.localLoaded = true;
      this.emit();
    });
    const options = { params: { token, [PERSON_QUERY_PARAM]: personKey() }, maxBackoffTime: 4000 };
    this.provider = new WebsocketProvider(wsBase, contentRoom(boardId), this.content, options);
    this.facilitationProvider = new WebsocketProvider(wsBase, facilitationRoom(boardId), this.facilitation, options);
    this.provider.on('sync', (synced: boolean) => {
      if (synced) {
        this.everSynced = true;
        this.tooFast = false;
      }
      this.notice = nextNotice(this.notice, { synced: synced && this.facilitationProvider.synced });
      this.emit();
    });
    this.provider.on('status', () => this.emit());
    this.facilitationProvider.on('sync', (synced: boolean) => {
      this.notice = nextNotice(this.notice, { synced: synced && this.provider.synced });
      this.emit();
    });
    for (const p of [this.provider, this.facilitationProvider]) {
      // Either room's socket may be the one the server closes (a write to it could not be saved, a
      // quota, a reset link, a deleted board).
      p.on('connection-close', (event: CloseEvent | null) => {
        if (p === this.provider) this.failedAttempts++;
        if (event) this.notice = nextNotice(this.notice, { closedWith: event.code });
        this.closedWith(event?.code ?? 0);
      });
      // A refused write leaves this copy ahead of the board for good (Yjs updates chain per
      // client), so the app discards it and rejoins instead of drifting silently. Quota
      // refusals say which quota, and are explained instead.
      p.messageHandlers[2] = (_encoder, decoder) => {
        if (decoding.readVarUint(decoder) !== 0) return;
        const reason = decoding.readVarString(decoder);
        const quota = refusalQuota(reason);
        if (quota === Refusal.AwarenessTooLarge) this.presenceTooLarge = true;
        else if (quota === Refusal.RoomFull) this.full = reason;
        else this.refused = reason;
        this.emit();
      };
    }
  }

  private closedWith(code: number): void {
    if (code === CloseCode.TooMuchData) this.tooFast = true;
    const ended: EndReason | null = code === CloseCode.LinkReset ? 'link-reset' : code === CloseCode.BoardDeleted ? 'board-deleted' : null;
    if (ended) {
      // The link opens nothing any more: reconnecting would only be refused.
      this.provider.disconnect();
      this.facilitationProvider.disconnect();
      if (!(ended === 'link-reset' && this.ownLinkReset)) this.ended = ended;
    }
    this.emit();
  }

  /** This browser is about to reset its own role's link (or, with false, gave up): the socket closing for it is expected, as the page moves to the new link. */
  expectOwnLinkReset(expected = true): void {
    this.ownLinkReset = expected;
  }

  /** Forgets this browser's copy of the board (after a refusal), so a reload starts from the server. */
  async discardLocalCopy(): Promise<void> {
    await Promise.all([this.local.clearData(), this.localFacilitation.clearData()]);
  }

  /** Connecting until the first sync; afterwards live while connected and offline in between. */
  get state(): ConnectionState {
    if (this.provider.wsconnected && this.provider.synced) return 'live';
    if (!this.everSynced && this.failedAttempts < 2) return 'connecting';
    return 'offline';
  }

  /** True once there is something to show: the server's state, or the local copy after a failed connect. */
  get ready(): boolean {
    return this.everSynced || (this.localLoaded && this.failedAttempts > 0);
  }

  get facilitationSynced(): boolean {
    return this.facilitationProvider.synced;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  destroy(): void {
    this.listeners.clear();
    this.provider.destroy();
    this.facilitationProvider.destroy();
    void this.local.destroy();
    void this.localFacilitation.destroy();
    this.content.destroy();
    this.facilitation.destroy();
  }
}
