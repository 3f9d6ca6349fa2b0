import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { StoredRecord } from '@accord/storage';
import { chainLink, checkChain, checkKeptHead, decodeSnapshot, encodeSnapshot, linkHash, sha256Hex, signHead, signedHead, verifyHeadSignature } from './recordChain.ts';

const secret = Buffer.from('test-secret-test-secret-test-secret!');
const BOARD = 'board-abcdefgh';

function chain(n: number, boardId = BOARD): StoredRecord[] {
  const out: StoredRecord[] = [];
  for (let seq = 1; seq <= n; seq++) {
    const body = JSON.stringify({ v: 1, seq, title: `R${seq}` });
    const snapshot = encodeSnapshot(new Uint8Array([seq]), new Uint8Array(0));
    out.push({ id: `record-${seq}xxxxx`, boardId, seq, createdAt: seq, body, snapshot, ...chainLink(boardId, seq, out.at(-1) ?? null, body, snapshot) });
  }
  return out;
}

describe('record snapshots', () => {
  it('frame both rooms and come apart again; each part is a stock Yjs update', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('k', 'v');
    const content = Y.encodeStateAsUpdate(doc);
    const framed = encodeSnapshot(content, new Uint8Array(0));
    expect(framed[0]).toBe(1);
    const parts = decodeSnapshot(framed);
    expect(parts.content).toEqual(content);
    expect(parts.facilitation).toEqual(new Uint8Array(0));
    const copy = new Y.Doc();
    Y.applyUpdate(copy, parts.content);
    expect(copy.getMap('m').get('k')).toBe('v');
  });

  it('refuses another format, truncation and trailing bytes', () => {
    const framed = encodeSnapshot(new Uint8Array([1, 2, 3]), new Uint8Array([4]));
    expect(() => decodeSnapshot(new Uint8Array([2, ...framed.slice(1)]))).toThrow(/format/);
    expect(() => decodeSnapshot(framed.slice(0, -1))).toThrow();
    expect(() => decodeSnapshot(new Uint8Array([...framed, 0]))).toThrow(/trailing/);
  });
});

describe('the chain', () => {
  it('hashes are domain-separated and cover board, seq, predecessor, body and snapshot', () => {
    const h = linkHash(BOARD, 1, null, 'a'.repeat(64), 'b'.repeat(64));
    expect(h).toBe(sha256Hex(`accord-record:v1:${BOARD}:1:-:${'a'.repeat(64)}:${'b'.repeat(64)}`));
    expect(linkHash('board-other123', 1, null, 'a'.repeat(64), 'b'.repeat(64))).not.toBe(h);
    expect(linkHash(BOARD, 2, null, 'a'.repeat(64), 'b'.repeat(64))).not.toBe(h);
  });

  it('a well-formed chain checks out, in any order it is handed over', () => {
    expect(checkChain(BOARD, chain(4).reverse())).toEqual({ ok: true, count: 4 });
    expect(checkChain(BOARD, [])).toEqual({ ok: true, count: 0 });
  });

  it('reports the first broken link', () => {
    const moved = chain(2);
    expect(checkChain('board-other123', moved)).toMatchObject({ ok: false, brokenAt: { seq: 1, reason: 'hash' } });
    const firstNotOne = chain(3).slice(1);
    expect(checkChain(BOARD, firstNotOne)).toMatchObject({ ok: false, brokenAt: { seq: 2, reason: 'seq-gap' } });
    const linkedWrong = chain(2);
    linkedWrong[0] = { ...linkedWrong[0]!, prevHash: 'f'.repeat(64) };
    expect(checkChain(BOARD, linkedWrong)).toMatchObject({ ok: false, brokenAt: { seq: 1, reason: 'prev-link' } });
  });

  it('signs heads and checks kept ones', () => {
    const records = chain(3);
    const head = signedHead(secret, BOARD, records)!;
    expect(head).toEqual({ seq: 3, hash: records[2]!.hash, signature: signHead(secret, BOARD, 3, records[2]!.hash) });
    expect(verifyHeadSignature(secret, BOARD, head)).toBe(true);
    expect(verifyHeadSignature(secret, 'board-other123', head)).toBe(false);
    expect(verifyHeadSignature(secret, BOARD, { ...head, signature: 'nothex' })).toBe(false);
    expect(checkKeptHead(secret, BOARD, records, head)).toBeNull();
    expect(checkKeptHead(secret, BOARD, records.slice(0, 2), head)).toEqual({ seq: 3, id: null, reason: 'seq-gap' });
    expect(checkKeptHead(secret, BOARD, records, { ...head, seq: 2 })).toMatchObject({ reason: 'signature' });
    expect(signedHead(secret, BOARD, [])).toBeNull();
  });
});
