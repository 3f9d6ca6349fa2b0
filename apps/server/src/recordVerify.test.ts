import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import type { RecordSummary, RecordView } from '@accord/api';
import { writeBoardRecords } from '@accord/board';
import { startServer, type RunningServer } from './test/helpers.ts';
import { note } from './test/board.ts';
import { json, recordsServer, schema, sign } from './test/records.ts';
import { chainLink, sha256Hex } from './recordChain.ts';

// The hash chain of decision records over HTTP: links, verify, tampering found, kept heads,
// concurrent appends on one instance and on two.
const { server, dataDir, cleanups, api, record, verify, boardWithContent, database, tamper } = recordsServer();

describe('the hash chain', () => {
  async function threeRecords() {
    const board = await boardWithContent();
    const recs: RecordView[] = [];
    for (const title of ['First', 'Second', 'Third']) {
      recs.push(await json<RecordView>(await record(board, { title }), 201));
      writeBoardRecords(board.content.doc, [note(title.toLowerCase(), title)], schema);
    }
    return { board, recs };
  }

  it('links prevHash to the previous hash; verify is ok and returns the signed head', async () => {
    const { board, recs } = await threeRecords();
    expect(recs.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(recs[0]!.prevHash).toBeNull();
    expect(recs[1]!.prevHash).toBe(recs[0]!.hash);
    expect(recs[2]!.prevHash).toBe(recs[1]!.hash);
    const head = { seq: 3, hash: recs[2]!.hash, signature: sign(board.id, 3, recs[2]!.hash) };
    expect(await verify(board.id, board.tokens.viewer)).toEqual({ ok: true, count: 3, head });
    expect(await verify(board.id, board.tokens.viewer, head)).toEqual({ ok: true, count: 3, head });
    // A head kept from earlier still checks out after more records.
    const older = { seq: 1, hash: recs[0]!.hash, signature: sign(board.id, 1, recs[0]!.hash) };
    expect((await verify(board.id, board.tokens.viewer, older)).ok).toBe(true);
  });

  it('verify is a route of its own, not a record id; a board without records verifies empty', async () => {
    const board = await server().createBoard();
    expect(await verify(board.id, board.tokens.viewer)).toEqual({ ok: true, count: 0, head: null });
    expect((await api(`/api/boards/${board.id}/records/verify?seq=1`, board.tokens.viewer)).status).toBe(400);
  });

  it('finds an altered body', async () => {
    const { board, recs } = await threeRecords();
    tamper("UPDATE records SET body = replace(body, 'Second', 'Altered') WHERE board_id = ? AND seq = 2", board.id);
    expect(await verify(board.id, board.tokens.viewer)).toEqual({ ok: false, count: 3, brokenAt: { seq: 2, id: recs[1]!.id, reason: 'body-hash' } });
  });

  it('finds an altered snapshot', async () => {
    const { board, recs } = await threeRecords();
    tamper('UPDATE records SET snapshot = ? WHERE board_id = ? AND seq = 3', Buffer.from([1, 0, 0]), board.id);
    expect(await verify(board.id, board.tokens.viewer)).toEqual({ ok: false, count: 3, brokenAt: { seq: 3, id: recs[2]!.id, reason: 'snapshot-hash' } });
    // Serving the damaged record's bytes fails loudly rather than handing out something else.
    expect(await json(await api(`/api/boards/${board.id}/records/${recs[2]!.id}/snapshot`, board.tokens.viewer), 500)).toMatchObject({ code: 'ACCORD_RECORD_CORRUPT' });
    expect(await json(await api(`/api/boards/${board.id}/records/${recs[2]!.id}/restore`, board.tokens.viewer, { method: 'POST' }), 500)).toMatchObject({ code: 'ACCORD_RECORD_CORRUPT' });
  });

  it('finds a deleted middle record', async () => {
    const { board, recs } = await threeRecords();
    tamper('DELETE FROM records WHERE board_id = ? AND seq = 2', board.id);
    expect(await verify(board.id, board.tokens.viewer)).toEqual({ ok: false, count: 2, brokenAt: { seq: 3, id: recs[2]!.id, reason: 'seq-gap' } });
  });

  it('finds a body rewritten with its body hash recomputed (the link hash no longer matches)', async () => {
    const { board, recs } = await threeRecords();
    const db = database();
    const row = db.prepare('SELECT body FROM records WHERE board_id = ? AND seq = 1').get(board.id) as { body: string };
    const body = row.body.replace('First', 'Rewritten');
    db.prepare('UPDATE records SET body = ?, body_hash = ? WHERE board_id = ? AND seq = 1').run(body, sha256Hex(body), board.id);
    db.close();
    expect(await verify(board.id, board.tokens.viewer)).toEqual({ ok: false, count: 3, brokenAt: { seq: 1, id: recs[0]!.id, reason: 'hash' } });
  });

  it('finds a record rehashed but not relinked (prev-link)', async () => {
    const { board, recs } = await threeRecords();
    const db = database();
    const row = db.prepare('SELECT body, snapshot FROM records WHERE board_id = ? AND seq = 1').get(board.id) as { body: string; snapshot: Buffer };
    const body = row.body.replace('First', 'Rewritten');
    const link = chainLink(board.id, 1, null, body, row.snapshot);
    db.prepare('UPDATE records SET body = ?, body_hash = ?, hash = ? WHERE board_id = ? AND seq = 1').run(body, link.bodyHash, link.hash, board.id);
    db.close();
    expect(await verify(board.id, board.tokens.viewer)).toEqual({ ok: false, count: 3, brokenAt: { seq: 2, id: recs[1]!.id, reason: 'prev-link' } });
  });

  it('with a kept head: catches a forged signature, records cut from the end, and a chain rewritten whole', async () => {
    const { board, recs } = await threeRecords();
    const head = { seq: 3, hash: recs[2]!.hash, signature: sign(board.id, 3, recs[2]!.hash) };
    const forged = { ...head, signature: createHmac('sha256', 'another-secret').update(`accord-record-head:v1:${board.id}:3:${head.hash}`).digest('hex') };
    expect(await verify(board.id, board.tokens.viewer, forged)).toEqual({ ok: false, count: 3, brokenAt: { seq: 3, id: recs[2]!.id, reason: 'signature' } });
    // A head of another board does not verify here.
    const other = await server().createBoard();
    expect((await verify(other.id, other.tokens.viewer, head)).ok).toBe(false);

    // Rewrite the last record consistently (valid chain), then cut it off: both invisible without the head.
    const db = database();
    const row = db.prepare('SELECT body, snapshot FROM records WHERE board_id = ? AND seq = 3').get(board.id) as { body: string; snapshot: Buffer };
    const body = row.body.replace('Third', 'Rewritten');
    const link = chainLink(board.id, 3, { hash: recs[1]!.hash }, body, row.snapshot);
    db.prepare('UPDATE records SET body = ?, body_hash = ?, hash = ? WHERE board_id = ? AND seq = 3').run(body, link.bodyHash, link.hash, board.id);
    db.close();
    expect((await verify(board.id, board.tokens.viewer)).ok).toBe(true);
    expect(await verify(board.id, board.tokens.viewer, head)).toEqual({ ok: false, count: 3, brokenAt: { seq: 3, id: recs[2]!.id, reason: 'hash' } });

    tamper('DELETE FROM records WHERE board_id = ? AND seq = 3', board.id);
    expect((await verify(board.id, board.tokens.viewer)).ok).toBe(true);
    expect(await verify(board.id, board.tokens.viewer, head)).toEqual({ ok: false, count: 2, brokenAt: { seq: 3, id: null, reason: 'seq-gap' } });
  });

  it('two concurrent records get seqs 1 and 2', async () => {
    const board = await boardWithContent();
    const [a, b] = await Promise.all([record(board, { title: 'A' }), record(board, { title: 'B' })].map(async (p) => json<RecordView>(await p, 201)));
    expect([a!.seq, b!.seq].sort()).toEqual([1, 2]);
    expect((await verify(board.id, board.tokens.viewer)).ok).toBe(true);
  });

  it('stays linear when two server instances record on one store at once (retry on a taken seq)', async () => {
    const second = await startServer({ dataDir: dataDir() });
    cleanups.push(() => second.stop());
    const board = await boardWithContent();
    const post = (server: RunningServer, title: string) =>
      fetch(`${server.http}/api/boards/${board.id}/records`, { method: 'POST', headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' }, body: JSON.stringify({ title, decision: 'D' }) });
    const responses = await Promise.all(['a1', 'b1', 'a2', 'b2', 'a3', 'b3'].map((t) => post(t.startsWith('a') ? server() : second, t)));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const list = await json<{ records: RecordSummary[] }>(await api(`/api/boards/${board.id}/records`, board.tokens.viewer));
    expect(list.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await verify(board.id, board.tokens.viewer)).ok).toBe(true);
  });
});
