import yauzl from 'yauzl';
import { parse as parseYaml } from 'yaml';
import { createShapeId, toRichText, type IndexKey, type TLRecord } from 'tldraw';
import { readSession, updateSession, writeBoardRecords } from '@accord/board';
import { createShapeRecord } from '@accord/board/fixtures';
import { connectClient, waitFor, waitSynced, type RunningServer } from './helpers.ts';
import { PAGE_ID, shapesIn } from './board.ts';
import { schema } from './records.ts';

// What the decision log tests share: a staged-compromise board written through real clients, a
// zip opened with a different implementation (yauzl) from the one that wrote it (fflate), and
// front matter read with a YAML library.

/** A stage frame of the staged-compromise template, holding the given notes. */
function stage(stageNo: number, party: 'em' | 'pm', notes: string[]): TLRecord[] {
  const frame = createShapeRecord({
    id: createShapeId(`stage-${stageNo}-${party}`),
    type: 'frame',
    parentId: PAGE_ID,
    x: stageNo * 500,
    y: party === 'em' ? 0 : 500,
    index: `a${stageNo}${party === 'em' ? 1 : 2}` as IndexKey,
    props: { w: 400, h: 400, name: `${party.toUpperCase()} · Stage ${stageNo}` },
    meta: { accord: { template: 'staged-compromise', kind: 'stage', area: `stage-${stageNo}-${party}`, party, stage: stageNo } } as never,
  });
  const inside = notes.map((text, i) =>
    createShapeRecord({ id: createShapeId(`n-${stageNo}-${party}-${i}`), type: 'note', parentId: frame.id, x: 20, y: 20 + i * 210, index: `a${i + 1}` as IndexKey, props: { richText: toRichText(text) } }),
  );
  return [frame, ...inside];
}

/**
 * A board with a staged plan: stage 1 (EM) overdue and (PM) due far ahead, stage 2 (EM) without a
 * date, written by its facilitator through y-websocket; resolves once a second client has it (R2).
 */
export async function stagedBoard(s: RunningServer, cleanups: Array<() => void>, title = 'SSO for Acme') {
  const board = await s.createBoard(title);
  const content = connectClient(s.ws, board.id, board.tokens.facilitator);
  const facilitation = connectClient(s.ws, `${board.id}/facilitation`, board.tokens.facilitator);
  cleanups.push(() => content.provider.destroy(), () => facilitation.provider.destroy());
  await Promise.all([waitSynced(content.provider), waitSynced(facilitation.provider)]);
  writeBoardRecords(
    content.doc,
    [...stage(1, 'em', ['Harden token refresh @priya 2020-01-15']), ...stage(1, 'pm', ['SSO for Acme behind a flag @marco 2999-12-31']), ...stage(2, 'em', ['Rebuild the session store'])],
    schema,
  );
  updateSession(facilitation.doc, { agendaStep: 'decide' });
  const watcher = connectClient(s.ws, board.id, board.tokens.viewer);
  const facWatcher = connectClient(s.ws, `${board.id}/facilitation`, board.tokens.viewer);
  cleanups.push(() => watcher.provider.destroy(), () => facWatcher.provider.destroy());
  await waitFor(() => shapesIn(watcher.doc).length === 6 && readSession(facWatcher.doc).agendaStep === 'decide', 'staged plan stored');
  return board;
}

/** Every file of a zip, by path, read with yauzl (not the library that wrote it). */
export function unzip(bytes: Uint8Array): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const files = new Map<string, string>();
      zip.on('error', reject);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** The front matter of a MADR file, parsed with a YAML library, and the body after it. */
export function frontMatterOf(file: string): { meta: Record<string, unknown>; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(file);
  if (!m) throw new Error(`no front matter in ${file.slice(0, 80)}`);
  return { meta: parseYaml(m[1]!) as Record<string, unknown>, body: file.slice(m[0].length) };
}
