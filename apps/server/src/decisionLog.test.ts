import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CreatedBoard, FollowUpsView, RecordList, RecordView } from '@accord/api';
import { readDocumentRecord, readFollowUpOf, readRecords, richTextToPlainText } from '@accord/board';
import { MADR_SECTIONS, validateDecisionRecord } from '@accord/record';
import { bytes, json, recordsServer, schema } from './test/records.ts';
import { frontMatterOf, stagedBoard, unzip } from './test/decisions.ts';

// The decision log over HTTP: a record as MADR, the log as a zip (opened with yauzl, front matter
// read with a YAML library), supersedes within and across boards (and what a link of one board
// learns of another), follow-ups and the follow-up session.
const { server, cleanups, api, record, verify, boardWithContent } = recordsServer();

const supersede = (board: { id: string; tokens: { facilitator: string } }, supersedes: object, title = 'Buy an SSO product') =>
  api(`/api/boards/${board.id}/records`, board.tokens.facilitator, { method: 'POST', body: { title, decision: 'We buy instead.', supersedes } });

describe('a record as MADR', () => {
  it('is a MADR 4 file any role can download: YAML front matter, the MADR sections, chain facts', async () => {
    const board = await stagedBoard(server(), cleanups);
    const created = await json<RecordView>(await record(board, { title: 'Ship SSO in two stages', owner: 'Priya', reviewDate: '2030-01-15', informed: ['Dana (VP)'] }), 201);
    const res = await api(`/api/boards/${board.id}/records/${created.id}/madr`, board.tokens.viewer);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="0001-ship-sso-in-two-stages.md"');
    const { meta, body } = frontMatterOf(await res.text());
    expect(meta).toEqual({ status: 'accepted', date: created.createdAt.slice(0, 10), 'decision-makers': ['Priya'], consulted: [], informed: ['Dana (VP)'] });
    const h2 = [...body.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(h2.every((h) => (MADR_SECTIONS as readonly string[]).includes(h!))).toBe(true);
    expect(body).toContain('| Harden token refresh @priya 2020-01-15 | Stage 1 · EM | priya | 2020-01-15 |');
    expect(body).toContain(`Record hash (SHA-256): \`${created.hash}\``);
    expect(body).toMatch(new RegExp(`\\[SSO for Acme\\]\\(<http://[^>]+/b/${board.id}>\\)`));
    expect(body).not.toContain(board.tokens.viewer);
    expect((await api(`/api/boards/${board.id}/records/nope1234nope/madr`, board.tokens.viewer)).status).toBe(404);
    expect((await api(`/api/boards/${board.id}/records/${created.id}/madr`, null)).status).toBe(401);
  });
});

describe('supersedes', () => {
  it('on the same board: both records show it, read from the later one; the earlier record is never rewritten', async () => {
    const board = await boardWithContent('Q3');
    const first = await json<RecordView>(await record(board, { title: 'Ship on Tuesday' }), 201);
    const second = await json<RecordView>(await supersede(board, { recordId: first.id }), 201);
    expect(second.supersedes).toEqual({ boardId: board.id, recordId: first.id, seq: 1, title: 'Ship on Tuesday' });
    expect(second.decision?.supersedes).toEqual(second.supersedes);
    const now = await json<RecordView>(await api(`/api/boards/${board.id}/records/${first.id}`, board.tokens.participant));
    expect(now.supersededBy).toEqual([{ boardId: board.id, recordId: second.id, seq: 2, title: 'Buy an SSO product', recordedAt: second.createdAt }]);
    // The stored record is as it was: same bytes, same hashes, the chain intact.
    expect({ ...now, supersededBy: [] }).toEqual(first);
    expect(await verify(board.id, board.tokens.viewer)).toMatchObject({ ok: true, count: 2 });
    const list = await json<RecordList>(await api(`/api/boards/${board.id}/records`, board.tokens.viewer));
    expect(list.records.map((r) => [r.seq, r.supersededBy.map((s) => s.seq), r.supersedes?.seq ?? null])).toEqual([
      [1, [2], null],
      [2, [], 1],
    ]);
    const madr = await (await api(`/api/boards/${board.id}/records/${first.id}/madr`, board.tokens.viewer)).text();
    expect(frontMatterOf(madr).meta.status).toBe('superseded by ADR-0002');
    expect(madr).toContain('Superseded by [ADR-0002](0002-buy-an-sso-product.md) — Buy an SSO product.');
    expect(await json(await supersede(board, { recordId: 'nope1234nope' }), 422)).toMatchObject({ code: 'ACCORD_SUPERSEDES_UNREADABLE' });
  });

  it('across boards: needs a token that can read the earlier record, and tells the earlier board only ids and a date', async () => {
    const a = await boardWithContent('Board A');
    const b = await boardWithContent('Board B');
    const c = await server().createBoard('Board C');
    const earlier = await json<RecordView>(await record(a, { title: 'Secret plan of A' }), 201);
    const bOwn = await json<RecordView>(await record(b, { title: 'B first' }), 201);
    const unreadable = [
      { recordId: earlier.id, boardId: a.id }, // no token
      { recordId: earlier.id, boardId: a.id, token: b.tokens.facilitator }, // a genuine token of another board
      { recordId: earlier.id, boardId: a.id, token: `${a.tokens.viewer.slice(0, -4)}AAAA` }, // forged
      { recordId: earlier.id, boardId: c.id, token: c.tokens.viewer }, // the record is not on that board
      { recordId: earlier.id, boardId: 'NoSuchBoard123', token: a.tokens.viewer }, // no such board
      { recordId: 'nope1234nope', boardId: a.id, token: a.tokens.viewer }, // no such record
    ];
    const answers = await Promise.all(unreadable.map(async (s) => json<{ code: string; message: string }>(await supersede(b, s), 422)));
    // One answer for every case: the body cannot probe for boards or records.
    expect(new Set(answers.map((x) => `${x.code}: ${x.message}`))).toEqual(new Set(['ACCORD_SUPERSEDES_UNREADABLE: The record to supersede does not exist, or the link given cannot read it']));
    expect((await json<RecordList>(await api(`/api/boards/${b.id}/records`, b.tokens.viewer))).records).toHaveLength(1);

    const later = await json<RecordView>(await supersede(b, { recordId: earlier.id, boardId: a.id, token: a.tokens.viewer }, 'B replaces A'), 201);
    expect(later.supersedes).toEqual({ boardId: a.id, recordId: earlier.id, seq: 1, title: 'Secret plan of A' });
    expect(JSON.stringify(later)).not.toContain(a.tokens.viewer);
    // Board A's viewer learns that another board's record supersedes theirs: its ids and date, nothing of its content.
    const seenFromA = await json<RecordView>(await api(`/api/boards/${a.id}/records/${earlier.id}`, a.tokens.viewer));
    expect(seenFromA.supersededBy).toEqual([{ boardId: b.id, recordId: later.id, seq: null, title: null, recordedAt: later.createdAt }]);
    const fromA = JSON.stringify(await json(await api(`/api/boards/${a.id}/records`, a.tokens.viewer))) + JSON.stringify(await json(await api(`/api/boards/${a.id}/follow-ups`, a.tokens.viewer)));
    for (const secret of ['B replaces A', 'We buy instead.', 'Board B', 'B first', bOwn.id]) expect(fromA).not.toContain(secret);
    expect(frontMatterOf(await (await api(`/api/boards/${a.id}/records/${earlier.id}/madr`, a.tokens.viewer)).text()).meta.status).toBe(`superseded by a record on board ${b.id}`);
    // Nothing on B is superseded by that.
    expect((await json<RecordList>(await api(`/api/boards/${b.id}/records`, b.tokens.viewer))).records.map((r) => r.supersededBy)).toEqual([[], []]);
  });
});

describe('the decision log as a zip', () => {
  it('lays the board out for a repository (MADR or adr-tools), listed and read back with another zip implementation', async () => {
    const board = await stagedBoard(server(), cleanups, 'SSO for Acme');
    const first = await json<RecordView>(await record(board, { title: 'Ship SSO in two stages', reviewDate: '2030-02-01' }), 201);
    await json<RecordView>(await supersede(board, { recordId: first.id }, 'Buy an SSO product'), 201);
    const res = await api(`/api/boards/${board.id}/decision-log.zip`, board.tokens.viewer);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="decision-log-sso-for-acme.zip"');
    const files = await unzip(await bytes(res));
    expect([...files.keys()]).toEqual([
      '.adr-dir',
      '.log4brains.yml',
      'docs/decisions/0001-ship-sso-in-two-stages.json',
      'docs/decisions/0001-ship-sso-in-two-stages.md',
      'docs/decisions/0002-buy-an-sso-product.json',
      'docs/decisions/0002-buy-an-sso-product.md',
      'docs/decisions/README.md',
    ]);
    const madr = frontMatterOf(files.get('docs/decisions/0001-ship-sso-in-two-stages.md')!);
    expect(madr.meta).toMatchObject({ status: 'superseded by ADR-0002', date: first.createdAt.slice(0, 10) });
    expect(madr.body.startsWith('\n# Ship SSO in two stages\n')).toBe(true);
    expect(validateDecisionRecord(JSON.parse(files.get('docs/decisions/0002-buy-an-sso-product.json')!))).toBe(true);
    // The superseded record's follow-ups and review are closed; the index says so.
    expect(files.get('docs/decisions/README.md')).toContain('| [ADR-0001](0001-ship-sso-in-two-stages.md) | Ship SSO in two stages | Superseded by ADR-0002 |');
    expect(files.get('docs/decisions/README.md')).toContain('## Reviews due\n\nNone.');

    const nygard = await unzip(await bytes(await api(`/api/boards/${board.id}/decision-log.zip?layout=adr-tools`, board.tokens.participant)));
    expect([...nygard.keys()].filter((p) => p.endsWith('.md'))).toEqual(['doc/adr/0001-ship-sso-in-two-stages.md', 'doc/adr/0002-buy-an-sso-product.md', 'doc/adr/README.md']);
    expect(nygard.get('doc/adr/0001-ship-sso-in-two-stages.md')).toContain('## Status\n\nSuperseded by [2. Buy an SSO product](0002-buy-an-sso-product.md)');
    expect((await api(`/api/boards/${board.id}/decision-log.zip?layout=nygard`, board.tokens.viewer)).status).toBe(400);
    expect((await api(`/api/boards/${board.id}/decision-log.zip`, null)).status).toBe(401);
  });
});

describe('follow-ups', () => {
  it('lists each record’s stages with due and overdue state, and records whose review date has come', async () => {
    const board = await stagedBoard(server(), cleanups);
    // A review date of today, the decision date (none earlier is accepted), has come.
    const today = new Date().toISOString().slice(0, 10);
    await json(await record(board, { title: 'Ship SSO in two stages', reviewDate: today }), 201);
    const view = await json<FollowUpsView>(await api(`/api/boards/${board.id}/follow-ups`, board.tokens.viewer));
    expect(view.today).toBe(today);
    expect(view.followUpOf).toBeNull();
    const [decision] = view.decisions;
    expect(decision).toMatchObject({ seq: 1, status: 'accepted', reviewDate: today, reviewDue: true });
    expect(decision!.followUps.map((f) => [f.text, f.stage, f.owner, f.due, f.state])).toEqual([
      ['Harden token refresh @priya 2020-01-15', 1, 'priya', '2020-01-15', 'overdue'],
      ['SSO for Acme behind a flag @marco 2999-12-31', 1, 'marco', '2999-12-31', 'upcoming'],
      ['Rebuild the session store', 2, null, null, 'undated'],
    ]);
  });

  it('start a follow-up session: a new board with the open follow-ups as notes, a link back, the chosen template', async () => {
    const board = await stagedBoard(server(), cleanups);
    const created = await json<RecordView>(await record(board, { title: 'Ship SSO in two stages', reviewDate: '2030-01-15' }), 201);
    const post = (body: unknown, token = board.tokens.participant) => api(`/api/boards/${board.id}/records/${created.id}/follow-up`, token, { method: 'POST', body });
    expect((await post({ template: 'no-such-template' })).status).toBe(400);
    expect((await post({})).status).toBe(400);
    expect((await post({ template: null }, '')).status).toBe(401);
    const next = await json<CreatedBoard>(await post({ template: 'partnership-health' }), 201);
    expect(next).toMatchObject({ title: 'Follow-up: Ship SSO in two stages', template: 'partnership-health' });
    expect(next.id).not.toBe(board.id);

    const doc = new Y.Doc();
    Y.applyUpdate(doc, await bytes(await api(`/api/boards/${next.id}/state`, next.tokens.viewer)));
    const records = readRecords(doc);
    for (const r of records) expect(() => schema.validateRecord(null as never, r, 'initialize', null), r.id).not.toThrow();
    // In the order they were laid out (their index among the frame's children).
    const byIndex = [...records].sort((x, y) => ((x as { index?: string }).index ?? '').localeCompare((y as { index?: string }).index ?? ''));
    const texts = byIndex.flatMap((r) => (r.typeName === 'shape' && 'richText' in r.props ? [[r.type, richTextToPlainText(r.props.richText as never)]] : []));
    expect(texts.filter(([type]) => type === 'note').map(([, t]) => t)).toEqual([
      'Harden token refresh @priya 2020-01-15\n(overdue)',
      'SSO for Acme behind a flag @marco 2999-12-31',
      'Rebuild the session store',
      'Review the decision (review date 2030-01-15)',
    ]);
    const link = texts.find(([type]) => type === 'text')![1]!;
    expect(link).toContain(`Follow-up session of ADR-0001 “Ship SSO in two stages”`);
    expect(link).toMatch(new RegExp(`/b/${board.id}/records/${created.id}$`));
    expect(link).not.toContain(board.tokens.participant);
    expect(readFollowUpOf(readDocumentRecord(doc)?.meta)).toEqual({ boardId: board.id, recordId: created.id, seq: 1, title: 'Ship SSO in two stages' });
    expect(readDocumentRecord(doc)?.name).toBe('Follow-up: Ship SSO in two stages');
    const nextView = await json<FollowUpsView>(await api(`/api/boards/${next.id}/follow-ups`, next.tokens.viewer));
    expect(nextView.followUpOf).toEqual({ boardId: board.id, recordId: created.id, seq: 1, title: 'Ship SSO in two stages' });
    // The original board is untouched.
    expect((await json<RecordList>(await api(`/api/boards/${board.id}/records`, board.tokens.viewer))).records).toHaveLength(1);
  });
});
