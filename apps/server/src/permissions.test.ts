import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStorage } from '@accord/storage';
import { join } from 'node:path';
import { connectClient, removeDir, startServer, tempDir, waitFor, waitSynced, type RunningServer } from './test/helpers.ts';
import { rawClient, updateFrame, waitDenied } from './test/protocol.ts';
import { cellUpdate, getCell, hasCell, setCell } from './test/cells.ts';
import { readSession, updateSession } from '@accord/board';

/** An update, from a fresh client, setting the session's agenda step to `step`. */
function sessionUpdate(step: string): Uint8Array {
  const doc = new Y.Doc();
  updateSession(doc, { agendaStep: step });
  return Y.encodeStateAsUpdate(doc);
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function stored(dir: string, room: string): Promise<Y.Doc> {
  const storage = await openSqliteStorage({ file: join(dir, 'accord.db') });
  const loaded = await storage.loadRoom(room);
  await storage.close();
  const doc = new Y.Doc();
  if (loaded.update) Y.applyUpdate(doc, loaded.update);
  return doc;
}

async function setup() {
  const dir = tempDir();
  const s: RunningServer = await startServer({ dataDir: dir });
  cleanups.push(() => removeDir(dir));
  cleanups.push(() => s.stop().catch(() => {}));
  const board = await s.createBoard();
  const watch = (room: string) => {
    const c = connectClient(s.ws, room, board.tokens.facilitator);
    cleanups.push(() => c.provider.destroy());
    return c;
  };
  return { dir, s, board, watch };
}

describe('[R4] permissions', () => {
  it('[R4] a viewer write is neither applied, stored nor broadcast', async () => {
    const { dir, s, board, watch } = await setup();
    const watcher = watch(board.id);
    await waitSynced(watcher.provider);
    const viewer = await rawClient(`${s.ws}/${board.id}?token=${board.tokens.viewer}`);
    viewer.ws.send(updateFrame(cellUpdate('viewer', 'was here')));
    await waitDenied(viewer);
    // A participant's later write arrives; the viewer's earlier one never does.
    const participant = await rawClient(`${s.ws}/${board.id}?token=${board.tokens.participant}`);
    participant.ws.send(updateFrame(cellUpdate('participant', 'ok')));
    await waitFor(() => getCell(watcher.doc, 'participant') === 'ok', 'participant write');
    expect(hasCell(watcher.doc, 'viewer')).toBe(false);
    viewer.ws.close();
    participant.ws.close();
    watcher.provider.destroy();
    await s.stop();
    const doc = await stored(dir, board.id);
    expect(getCell(doc, 'participant')).toBe('ok');
    expect(hasCell(doc, 'viewer')).toBe(false);
  });

  it('[R4] a participant write to /facilitation is refused; a facilitator write goes through', async () => {
    const { dir, s, board, watch } = await setup();
    const room = `${board.id}/facilitation`;
    const watcher = watch(room);
    await waitSynced(watcher.provider);
    const participant = await rawClient(`${s.ws}/${room}?token=${board.tokens.participant}`);
    participant.ws.send(updateFrame(sessionUpdate('sneaky')));
    await waitDenied(participant);
    const facilitator = await rawClient(`${s.ws}/${room}?token=${board.tokens.facilitator}`);
    facilitator.ws.send(updateFrame(sessionUpdate('ok')));
    await waitFor(() => readSession(watcher.doc).agendaStep === 'ok', 'facilitator write');
    expect(facilitator.types()).not.toContain(2);
    participant.ws.close();
    facilitator.ws.close();
    watcher.provider.destroy();
    await s.stop();
    const doc = await stored(dir, room);
    expect(readSession(doc).agendaStep).toBe('ok');
  });

  it('[R4] while the board is locked participant content writes are refused; unlock restores them', async () => {
    const { s, board, watch } = await setup();
    const watcher = watch(board.id);
    const fac = watch(`${board.id}/facilitation`);
    await Promise.all([waitSynced(watcher.provider), waitSynced(fac.provider)]);
    const p = connectClient(s.ws, board.id, board.tokens.participant);
    cleanups.push(() => p.provider.destroy());
    await waitSynced(p.provider);

    // Once another client has seen the lock, the relay has applied it (it broadcasts only after applying).
    const seen = connectClient(s.ws, `${board.id}/facilitation`, board.tokens.viewer);
    cleanups.push(() => seen.provider.destroy());
    fac.doc.getMap('session').set('locked', true);
    await waitFor(() => seen.doc.getMap('session').get('locked') === true, 'lock broadcast');
    const raw = await rawClient(`${s.ws}/${board.id}?token=${board.tokens.participant}`);
    raw.ws.send(updateFrame(cellUpdate('during', 'lock')));
    await waitDenied(raw);
    expect(hasCell(watcher.doc, 'during')).toBe(false);

    fac.doc.getMap('session').set('locked', false);
    await waitFor(() => seen.doc.getMap('session').get('locked') === false, 'unlock broadcast');
    setCell(p.doc, 'after', 'unlock');
    await waitFor(() => getCell(watcher.doc, 'after') === 'unlock', 'write after unlock');
    expect(hasCell(watcher.doc, 'during')).toBe(false);
    raw.ws.close();
  });
});
