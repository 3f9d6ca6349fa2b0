import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { HASH_PATTERN, type BrokenLink, type BrokenReason, type ChainCheck, type ChainHead } from '@accord/api';
import type { StoredRecord } from '@accord/storage';

// The per-board hash chain of decision records: how a record's bytes are framed and hashed, how
// records link, and how a chain is checked. Pure; the routes in routes/records.ts store and serve.

/** Version of the record body JSON (`{ v: 1, … }`). */
export const RECORD_BODY_VERSION = 1;
/** Format tag leading a record snapshot (see {@link encodeSnapshot}). */
const SNAPSHOT_FORMAT = 1;

/** What walking a chain finds: whole (the verify route adds the signed head), or its first broken link. */
export type ChainStatus = { ok: true; count: number } | Extract<ChainCheck, { ok: false }>;

/** Hex SHA-256. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The hash of one link: SHA-256 over `accord-record:v1:<boardId>:<seq>:<prevHash or ->:<bodyHash>:<snapshotHash>`.
 * No field can contain `:` (board ids are `[A-Za-z0-9_-]`, hashes hex), so the string is unambiguous;
 * the prefix keeps these hashes apart from any other SHA-256 the server computes.
 */
export function linkHash(boardId: string, seq: number, prevHash: string | null, bodyHash: string, snapshotHash: string): string {
  return sha256Hex(`accord-record:v1:${boardId}:${seq}:${prevHash ?? '-'}:${bodyHash}:${snapshotHash}`);
}

const HASH_RE = new RegExp(HASH_PATTERN);

function headMac(secret: Buffer, boardId: string, seq: number, hash: string): Buffer {
  return createHmac('sha256', secret).update(`accord-record-head:v1:${boardId}:${seq}:${hash}`).digest();
}

/** HMAC-SHA256 (hex) under the server secret over `accord-record-head:v1:<boardId>:<seq>:<hash>`. */
export function signHead(secret: Buffer, boardId: string, seq: number, hash: string): string {
  return headMac(secret, boardId, seq, hash).toString('hex');
}

/** True when `signature` is the server's signature of that head; constant time. */
export function verifyHeadSignature(secret: Buffer, boardId: string, head: ChainHead): boolean {
  if (!HASH_RE.test(head.signature)) return false;
  return timingSafeEqual(Buffer.from(head.signature, 'hex'), headMac(secret, boardId, head.seq, head.hash));
}

/**
 * Frames both rooms of a board into one snapshot (lib0 encoding): `varUint(SNAPSHOT_FORMAT)`,
 * `varUint8Array(content room update)`, `varUint8Array(facilitation room update)`. Each part is a
 * stock Yjs v1 update (a room never written: the empty update); records made before rooms were
 * read through the relay hold an empty byte array for such a room instead.
 */
export function encodeSnapshot(content: Uint8Array, facilitation: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SNAPSHOT_FORMAT);
  encoding.writeVarUint8Array(encoder, content);
  encoding.writeVarUint8Array(encoder, facilitation);
  return encoding.toUint8Array(encoder);
}

/** Splits a snapshot made by {@link encodeSnapshot}; throws on anything else. */
export function decodeSnapshot(bytes: Uint8Array): { content: Uint8Array; facilitation: Uint8Array } {
  const decoder = decoding.createDecoder(bytes);
  const format = decoding.readVarUint(decoder);
  if (format !== SNAPSHOT_FORMAT) throw new Error(`unknown record snapshot format ${format}`);
  const content = decoding.readVarUint8Array(decoder);
  const facilitation = decoding.readVarUint8Array(decoder);
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after a record snapshot');
  return { content, facilitation };
}

/** The hashes of a new record at the end of a chain whose newest record is `prev`. */
export function chainLink(boardId: string, seq: number, prev: Pick<StoredRecord, 'hash'> | null, body: string, snapshot: Uint8Array) {
  const bodyHash = sha256Hex(body);
  const snapshotHash = sha256Hex(snapshot);
  const prevHash = prev ? prev.hash : null;
  return { bodyHash, snapshotHash, prevHash, hash: linkHash(boardId, seq, prevHash, bodyHash, snapshotHash) };
}

/**
 * Recomputes every link of a board's chain in seq order and reports the first broken one: seqs
 * must run 1, 2, 3…; each body and snapshot must match its hash; each record must name its
 * predecessor's hash (null for the first); each hash must be the link hash of its fields.
 */
export function checkChain(boardId: string, records: readonly StoredRecord[]): ChainStatus {
  const count = records.length;
  const sorted = [...records].sort((a, b) => a.seq - b.seq);
  let prev: StoredRecord | null = null;
  for (const [i, r] of sorted.entries()) {
    const broken = (reason: BrokenReason): ChainStatus => ({ ok: false, count, brokenAt: { seq: r.seq, id: r.id, reason } });
    if (r.seq !== i + 1) return broken('seq-gap');
    if (sha256Hex(r.body) !== r.bodyHash) return broken('body-hash');
    if (sha256Hex(r.snapshot) !== r.snapshotHash) return broken('snapshot-hash');
    if (r.prevHash !== (prev ? prev.hash : null)) return broken('prev-link');
    if (linkHash(boardId, r.seq, r.prevHash, r.bodyHash, r.snapshotHash) !== r.hash) return broken('hash');
    prev = r;
  }
  return { ok: true, count };
}

/**
 * Checks a head a client kept (from an earlier list or verify) against the chain as stored now: it
 * must carry our signature, and the record at its seq must still be there with its hash. This is
 * what catches records removed from the end, or a chain rewritten and re-hashed wholesale, which
 * {@link checkChain} alone cannot see.
 */
export function checkKeptHead(secret: Buffer, boardId: string, records: readonly StoredRecord[], head: ChainHead): BrokenLink | null {
  const atSeq = records.find((r) => r.seq === head.seq) ?? null;
  if (!verifyHeadSignature(secret, boardId, head)) return { seq: head.seq, id: atSeq?.id ?? null, reason: 'signature' };
  if (!atSeq) return { seq: head.seq, id: null, reason: 'seq-gap' };
  if (atSeq.hash !== head.hash) return { seq: head.seq, id: atSeq.id, reason: 'hash' };
  return null;
}

/** The signed head of a chain (its newest record), or null for a board with no records. */
export function signedHead(secret: Buffer, boardId: string, records: readonly StoredRecord[]): ChainHead | null {
  let last: StoredRecord | null = null;
  for (const r of records) if (!last || r.seq > last.seq) last = r;
  return last ? { seq: last.seq, hash: last.hash, signature: signHead(secret, boardId, last.seq, last.hash) } : null;
}
