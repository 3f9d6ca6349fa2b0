import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RecordView, VoteRound } from '@accord/api';
import { getVotesMap, readRecords, readSession, readVoteResult, updateSession, voterKey } from '@accord/board';
import { cellUpdate, getCell } from './test/cells.ts';
import { waitFor, waitSynced } from './test/helpers.ts';
import { rawClient, updateFrame, waitDenied } from './test/protocol.ts';
import { json, votesServer } from './test/votes.ts';

// Dot voting held by the server, attacked as a participant with a raw websocket and HTTP would:
// ballots stay where no one else reads them before the reveal, an anonymous round never names a
// voter, and nothing about votes can be written through the rooms.

const t = votesServer();

/** Everything a doc holds, as text: what a client that received it could read. */
const everything = (doc: Y.Doc): string => JSON.stringify(doc.toJSON());

/** Every ballot-ish thing a content doc could carry: the legacy votes map and vote results on notes. */
const voteTraces = (doc: Y.Doc) => ({ votes: getVotesMap(doc).size, results: readRecords(doc).filter((r) => readVoteResult(r.meta) !== null).length });

describe('ballots are held by the server', () => {
  it('another participant reads neither my ballot nor any count before the reveal, over HTTP or in any room', async () => {
    const b = await t.voteBoard();
    const round = await t.open(b);
    await json(await t.dot(b, round.id, b.pat, b.shapes.first), 200);
    expect(await json(await t.dot(b, round.id, b.pat, b.shapes.first), 200)).toEqual({ round: round.id, dots: { [b.shapes.first]: 2 }, used: 2, left: 0 });

    // Quinn's own ballot is empty; there is no way to ask for Pat's (no parameter names a voter).
    expect(await t.ballot(b, round.id, b.quinn)).toEqual({ round: round.id, dots: {}, used: 0, left: 2 });
    expect((await t.api(`/api/boards/${b.id}/votes/${round.id}/ballot?personId=${b.pat.id}`, b.quinn)).status).toBe(200);
    expect(await t.ballot(b, round.id, b.quinn)).toMatchObject({ dots: {} });
    expect((await t.dot(b, round.id, b.quinn, b.shapes.second, 1, { personId: b.pat.id })).status).toBe(400);

    // What Quinn's clients receive of both rooms: who has voted, never a dot or a count.
    const fac = await t.facilitation(b, b.quinn);
    const content = t.connect(b.id, b.quinn);
    await waitSynced(content.provider);
    await waitFor(() => fac.voting()?.voterCount === 1, 'the session says someone voted');
    expect(fac.voting()).toMatchObject({ voted: [b.pat.id], voterCount: 1, results: null, revealed: false });
    for (const shape of Object.values(b.shapes)) expect(everything(fac.doc)).not.toContain(shape);
    expect(voteTraces(content.doc)).toEqual({ votes: 0, results: 0 });
  });

  it('refuses, unstored, a participant’s ballot in the content room and a facilitator’s vote in the session; their next valid edits are stored', async () => {
    const b = await t.voteBoard();
    const round = await t.open(b);
    const watcher = t.connect(b.id, b.vic);
    const facWatcher = await t.facilitation(b, b.vic);
    await waitSynced(watcher.provider);

    const forged = new Y.Doc();
    forged.transact(() => {
      const ballot = new Y.Map<number>();
      getVotesMap(forged).set(voterKey(round.id, 'em', b.pat.id), ballot);
      ballot.set(b.shapes.first, 20);
    });
    const pat = await rawClient(`${t.server().ws}/${b.id}?token=${b.tokens.participant}&person=${b.pat.key}`);
    pat.ws.send(updateFrame(Y.encodeStateAsUpdate(forged)));
    await waitDenied(pat);
    pat.ws.send(updateFrame(cellUpdate('after', 'kept')));
    await waitFor(() => getCell(watcher.doc, 'after') === 'kept', 'the participant’s valid edit');
    expect(voteTraces(watcher.doc)).toEqual({ votes: 0, results: 0 });

    // Written over the round as the facilitator's client has it, as a real client would.
    const rigged = new Y.Doc();
    Y.applyUpdate(rigged, Y.encodeStateAsUpdate(facWatcher.doc));
    const synced = Y.encodeStateVector(rigged);
    updateSession(rigged, { voting: { ...round, revealed: true, results: { rows: [{ shapeId: b.shapes.second, total: 9, bySide: { pm: 9 } }], voters: 1 } } });
    const fay = await rawClient(`${t.server().ws}/${b.id}/facilitation?token=${b.tokens.facilitator}&person=${b.fay.key}`);
    fay.ws.send(updateFrame(Y.encodeStateAsUpdate(rigged, synced)));
    await waitDenied(fay);
    const step = new Y.Doc();
    updateSession(step, { agendaStep: 'vote' });
    fay.ws.send(updateFrame(Y.encodeStateAsUpdate(step)));
    await waitFor(() => readSession(facWatcher.doc).agendaStep === 'vote', 'the facilitator’s valid edit');
    expect(facWatcher.voting()).toEqual(round);
    pat.ws.close();
    fay.ws.close();

    // Stored state, as a client joining afterwards gets it.
    const late = t.connect(b.id, b.quinn);
    const lateFac = await t.facilitation(b, b.quinn);
    await waitSynced(late.provider);
    expect(voteTraces(late.doc)).toEqual({ votes: 0, results: 0 });
    expect(getCell(late.doc, 'after')).toBe('kept');
    expect(lateFac.voting()).toEqual(round);
  });
});

describe('an anonymous round', () => {
  it('never carries a person id, in the session, its results, the notes or any answer, at any point', async () => {
    const b = await t.voteBoard();
    const ids = [b.fay.id, b.pat.id, b.quinn.id];
    const fac = await t.facilitation(b, b.quinn);
    const content = t.connect(b.id, b.vic);
    await waitSynced(content.provider);
    const seen: string[] = [];
    fac.doc.on('update', () => seen.push(everything(fac.doc)));
    const answers: unknown[] = [];

    const round = await t.open(b, { anonymous: true, votesPerPerson: 3 });
    answers.push(round);
    answers.push(await json(await t.dot(b, round.id, b.pat, b.shapes.first)));
    answers.push(await json(await t.dot(b, round.id, b.quinn, b.shapes.first)));
    answers.push(await json(await t.dot(b, round.id, b.fay, b.shapes.second)));
    await waitFor(() => fac.voting()?.voterCount === 3, 'three voters counted');
    expect(fac.voting()).toMatchObject({ voted: [], voterCount: 3, results: null });
    answers.push(await json<VoteRound>(await t.act(b, round.id, 'reveal')));
    answers.push(await json(await t.dot(b, round.id, b.pat, b.shapes.second)));
    const closed = await json<VoteRound>(await t.act(b, round.id, 'close'));
    answers.push(closed);
    expect(closed.results).toEqual({
      rows: [
        { shapeId: b.shapes.first, total: 2, bySide: {} },
        { shapeId: b.shapes.second, total: 2, bySide: {} },
      ],
      voters: 3,
    });
    await waitFor(() => fac.voting()?.open === false, 'the close reaches the session');
    await waitFor(() => voteTraces(content.doc).results === 2, 'results on the notes');

    const notes = readRecords(content.doc).flatMap((r) => (readVoteResult(r.meta) ? [readVoteResult(r.meta)] : []));
    expect(notes).toEqual([
      { vote: round.id, total: 2, byRole: {} },
      { vote: round.id, total: 2, byRole: {} },
    ]);
    expect(seen.length).toBeGreaterThan(3);
    for (const text of [...seen, everything(fac.doc), JSON.stringify(answers), JSON.stringify(notes)]) for (const id of ids) expect(text).not.toContain(id);
  });
});

describe('counting', () => {
  it('after the reveal shows the server’s tally split by side; close keeps it on the notes; the decision record reports it', async () => {
    const b = await t.voteBoard();
    const round = await t.open(b, { votesPerPerson: 3 });
    await t.dot(b, round.id, b.pat, b.shapes.first);
    await t.dot(b, round.id, b.pat, b.shapes.first);
    await t.dot(b, round.id, b.quinn, b.shapes.first);
    await t.dot(b, round.id, b.quinn, b.shapes.second);
    await t.dot(b, round.id, b.fay, b.shapes.second);
    const revealed = await json<VoteRound>(await t.act(b, round.id, 'reveal'));
    expect(revealed).toMatchObject({ open: true, revealed: true, voted: [b.fay.id, b.pat.id, b.quinn.id].sort(), voterCount: 3 });
    expect(revealed.results).toEqual({
      rows: [
        { shapeId: b.shapes.first, total: 3, bySide: { em: 2, pm: 1 } },
        { shapeId: b.shapes.second, total: 2, bySide: { pm: 1, facilitator: 1 } },
      ],
      voters: 3,
    });
    // Dots after the reveal update the published count.
    const fac = await t.facilitation(b, b.quinn);
    await json(await t.dot(b, round.id, b.fay, b.shapes.second));
    await waitFor(() => fac.voting()?.results?.rows[1]?.total === 3, 'the count follows a dot');

    await json(await t.act(b, round.id, 'close'));
    const content = t.connect(b.id, b.vic);
    await waitFor(() => readRecords(content.doc).filter((r) => readVoteResult(r.meta)).length === 2, 'results on the notes');
    const onNote = (id: string) => readVoteResult(readRecords(content.doc).find((r) => r.id === id)!.meta);
    expect(onNote(b.shapes.first)).toEqual({ vote: round.id, total: 3, byRole: { em: 2, pm: 1 } });
    expect(onNote(b.shapes.second)).toEqual({ vote: round.id, total: 3, byRole: { pm: 1, facilitator: 2 } });

    const record = await json<RecordView>(await t.api(`/api/boards/${b.id}/records`, b.fay, { method: 'POST', body: { title: 'Stage it', decision: 'We stage the rollout.' } }), 201);
    expect(record.decision?.votes?.round).toEqual({ id: round.id, source: 'session', anonymous: false, open: false, voters: 3, ignoredBallots: 0 });
    expect(record.decision?.votes?.items.map((i) => [i.text, i.total, i.bySide])).toEqual([
      ['Stage the rollout', 3, { em: 2, pm: 1, facilitator: 0 }],
      ['Rewrite first', 3, { em: 0, pm: 1, facilitator: 2 }],
    ]);
    expect(record.markdown).toContain('| Stage the rollout | 3 | 2 | 1 | 0 |');
  });
});
