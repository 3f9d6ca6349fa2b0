import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/** y-websocket message types (the first varuint of every frame). */
const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;
/** y-protocols sync sub-types. */
const SyncType = { Step1: 0, Step2: 1, Update: 2 } as const;

/** A frame that is not a well-formed message of the stock protocol (closes the socket with 1002). */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** One entry of an awareness update. `state` is the JSON text; `"null"` means the client left. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: string;
}

/** A parsed client message. */
export type ClientMessage =
  | { kind: 'step1'; stateVector: Uint8Array }
  | ({ kind: 'write'; update: Uint8Array; step2: boolean } & UpdateShape)
  | { kind: 'awareness'; entries: AwarenessEntry[] }
  | { kind: 'query-awareness' };

/**
 * Parses one frame. Everything a client can send is checked here, before the relay acts on it:
 * varints in range, declared lengths within the frame, a sync payload that decodes as a Yjs
 * update, awareness states that are JSON, and nothing left over. Throws `ProtocolError`.
 */
export function parseMessage(frame: Uint8Array): ClientMessage {
  try {
    const d = decoding.createDecoder(frame);
    const type = decoding.readVarUint(d);
    let msg: ClientMessage;
    switch (type) {
      case MessageType.Sync: {
        const sub = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        if (sub === SyncType.Step1) {
          Y.decodeStateVector(payload);
          msg = { kind: 'step1', stateVector: payload };
        } else if (sub === SyncType.Step2 || sub === SyncType.Update) {
          const shape = validateUpdate(payload);
          msg = { kind: 'write', update: payload, step2: sub === SyncType.Step2, ...shape };
        } else {
          throw new ProtocolError(`unknown sync message ${sub}`);
        }
        break;
      }
      case MessageType.Awareness:
        msg = { kind: 'awareness', entries: decodeAwareness(decoding.readVarUint8Array(d)) };
        break;
      case MessageType.QueryAwareness:
        msg = { kind: 'query-awareness' };
        break;
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
    if (decoding.hasContent(d)) throw new ProtocolError('trailing bytes after message');
    return msg;
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError(`malformed message: ${(err as Error).message}`);
  }
}

/** The delete set of a decoded update (`Y.DeleteSet` is not exported as a type). */
export type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/** What validation learned about an update, so the room can skip ones that change nothing. */
export interface UpdateShape {
  /** No structs and no deletions at all. */
  empty: boolean;
  /** The deletions of an update that has no structs (a routine step 2 carries the sender's whole delete set), else null. */
  deletesOnly: DeleteSet | null;
}

/**
 * Throws unless `update` is safe to store: it must decode completely as a Yjs v1 update, and no
 * item may point at its own client's future (origin, right origin or parent with a clock at or
 * after its own). `Y.decodeUpdate` accepts such forward references, but `Y.applyUpdate` then
 * throws inside `getMissing`, and an update that throws on apply would poison the room's log:
 * every later load would fail. Items that point at other clients' unknown structs are fine —
 * Yjs parks them as pending.
 */
export function validateUpdate(update: Uint8Array): UpdateShape {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (err) {
    throw new ProtocolError(`invalid Yjs update: ${(err as Error).message}`);
  }
  const { structs, ds } = decoded;
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    const { client, clock } = s.id;
    const parent = s.parent instanceof Y.ID ? s.parent : null;
    for (const ref of [s.origin, s.rightOrigin, parent]) {
      if (ref && ref.client === client && ref.clock >= clock) throw new ProtocolError('invalid Yjs update: forward reference');
    }
  }
  if (structs.length > 0) return { empty: false, deletesOnly: null };
  return ds.clients.size === 0 ? { empty: true, deletesOnly: null } : { empty: false, deletesOnly: ds };
}

/**
 * True when every deletion in `ds` is already in `doc`, so an update carrying only `ds` would
 * change nothing. Walks just the structs the ranges cover; a range past what the doc knows counts
 * as new.
 */
export function deletionsKnown(doc: Y.Doc, ds: DeleteSet): boolean {
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) return false;
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (clock + len > state) return false;
      let i = Y.findIndexSS(structs, clock);
      for (let c = clock; c < clock + len; ) {
        const struct = structs[i++];
        if (!struct?.deleted) return false;
        c = struct.id.clock + struct.length;
      }
    }
  }
  return true;
}

/** Decodes the payload of an awareness message; each state must be JSON. */
export function decodeAwareness(update: Uint8Array): AwarenessEntry[] {
  const d = decoding.createDecoder(update);
  const count = decoding.readVarUint(d);
  if (count > update.length) throw new ProtocolError('awareness entry count exceeds frame');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const state = decoding.readVarString(d);
    JSON.parse(state);
    entries.push({ clientId, clock, state });
  }
  if (decoding.hasContent(d)) throw new ProtocolError('trailing bytes in awareness update');
  return entries;
}

/** Encodes awareness entries as the payload of an awareness message. */
export function encodeAwareness(entries: Iterable<AwarenessEntry>): Uint8Array {
  const list = [...entries];
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, list.length);
  for (const entry of list) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, entry.state);
  }
  return encoding.toUint8Array(e);
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** Sync step 1: our state vector, asking for what we lack. */
export const encodeSyncStep1 = (stateVector: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Step1);
    encoding.writeVarUint8Array(e, stateVector);
  });

/** Sync step 2: the update that answers a step 1. */
export const encodeSyncStep2 = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Step2);
    encoding.writeVarUint8Array(e, update);
  });

/** A sync update (what the relay broadcasts after each group commit). */
export const encodeSyncUpdate = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Update);
    encoding.writeVarUint8Array(e, update);
  });

/** An awareness message carrying `entries`. */
export const encodeAwarenessMessage = (entries: Iterable<AwarenessEntry>) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(e, encodeAwareness(entries));
  });

/** y-protocols auth message "permission denied" (type 2, sub-type 0, reason). */
export const encodePermissionDenied = (reason: string) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Auth);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, reason);
  });

/** An awareness message with no entries: a no-op for clients that keeps y-websocket's 30 s silence watchdog from reconnecting an idle socket (R6). */
export const KEEPALIVE_FRAME = encodeAwarenessMessage([]);
