import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as decoding from 'lib0/decoding';
import { contentRoom, facilitationRoom } from '@accord/board';
import { PERSON_QUERY_PARAM } from '@accord/api';
import { personKey } from '../lib/local.ts';
import { nextNotice } from './closeNotice.ts';

/** Connection state shown in the top bar. */
export type ConnectionState = 'connecting' | 'live' | 'offline';

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
      if (synced) this.everSynced = true;
      this.notice = nextNotice(this.notice, { synced: synced && this.facilitationProvider.synced });
      this.emit();
    });
    this.provider.on('status', () => this.emit());
    this.facilitationProvider.on('sync', (synced: boolean) => {
      this.notice = nextNotice(this.notice, { synced: synced && this.provider.synced });
      this.emit();
    });
    // Either room's socket may be the one the server closes (a write to it could not be saved).
    for (const p of [this.provider, this.facilitationProvider]) {
      p.on('connection-close', (event: CloseEvent | null) => {
        if (p === this.provider) this.failedAttempts++;
        if (event) this.notice = nextNotice(this.notice, { closedWith: event.code });
        this.emit();
      });
    }
    // A refused write leaves this copy ahead of the board for good (Yjs updates chain per
    // client), so the app discards it and rejoins instead of drifting silently.
    for (const p of [this.provider, this.facilitationProvider]) {
      p.messageHandlers[2] = (_encoder, decoder) => {
        if (decoding.readVarUint(decoder) === 0) {
          this.refused = decoding.readVarString(decoder);
          this.emit();
        }
      };
    }
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
