import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as authProtocol from 'y-protocols/auth';
import type { Relay } from '../relay.ts';
import type { RelayConnection } from '../connection.ts';
import type { TestPrincipal, TestRole } from './harness.ts';
import { FakeSocket } from './fakes.ts';

/**
 * A client that behaves like y-websocket's `WebsocketProvider`, built from the same y-protocols
 * functions, talking to a `Relay` over a `FakeSocket`: on open it sends sync step 1 (and its
 * awareness), answers the server's step 1 with step 2, sends every local update, and applies
 * what it receives. Frames travel asynchronously in both directions.
 */
export class TestClient {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly room: string;
  readonly role: TestRole;
  socket: FakeSocket | null = null;
  conn: RelayConnection | null = null;
  /** Reasons of permission-denied messages received. */
  readonly denied: string[] = [];
  /** Close codes the relay sent, in order. */
  readonly closes: number[] = [];
  /** Synced: the server's step 2 arrived on the current connection. */
  synced = false;

  constructor(room: string, role: TestRole, clientID?: number) {
    this.room = room;
    this.role = role;
    this.doc = new Y.Doc();
    if (clientID !== undefined) this.doc.clientID = clientID;
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // Keeps tests free of the awareness renewal interval.
    clearInterval((this.awareness as unknown as { _checkInterval: ReturnType<typeof setInterval> })._checkInterval);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, update);
      this.send(encoding.toUint8Array(e));
    });
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === this) return;
      const changed = [...added, ...updated, ...removed];
      this.send(this.awarenessMessage(changed));
    });
  }

  get connected(): boolean {
    return this.conn !== null;
  }

  /** Opens a socket to `relay`, as the provider does on (re)connect. */
  connect(relay: Relay<TestPrincipal>): void {
    const socket = new FakeSocket();
    this.socket = socket;
    this.synced = false;
    socket.onFrame = (frame) => {
      if (this.socket === socket) this.handle(frame);
    };
    socket.onClose = (code) => {
      if (this.socket !== socket) return;
      this.closes.push(code);
      this.drop();
    };
    this.conn = relay.connect(socket, this.room, { role: this.role });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeSyncStep1(e, this.doc);
    this.send(encoding.toUint8Array(e));
    if (this.awareness.getLocalState() !== null) this.send(this.awarenessMessage([this.doc.clientID]));
  }

  /** The client goes away (the adapter reports the socket closed). */
  disconnect(): void {
    if (!this.conn) return;
    const conn = this.conn;
    this.drop();
    conn.closed();
  }

  private drop(): void {
    this.socket = null;
    this.conn = null;
    this.synced = false;
    // As the provider does: forget everyone else's presence while offline.
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, others, this);
  }

  send(frame: Uint8Array): void {
    const conn = this.conn;
    if (conn) queueMicrotask(() => this.conn === conn && conn.receive(frame));
  }

  private awarenessMessage(clients: number[]): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    return encoding.toUint8Array(e);
  }

  private handle(frame: Uint8Array): void {
    const d = decoding.createDecoder(frame);
    const e = encoding.createEncoder();
    switch (decoding.readVarUint(d)) {
      case 0: {
        encoding.writeVarUint(e, 0);
        const sub = syncProtocol.readSyncMessage(d, e, this.doc, this);
        if (sub === syncProtocol.messageYjsSyncStep2) this.synced = true;
        if (encoding.length(e) > 1) this.send(encoding.toUint8Array(e));
        return;
      }
      case 1:
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(d), this);
        return;
      case 2:
        authProtocol.readAuthMessage(d, this.doc, (_y, reason) => this.denied.push(reason));
        return;
    }
  }

  destroy(): void {
    this.disconnect();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
