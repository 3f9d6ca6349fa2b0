import { readFileSync, writeFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import yauzl from 'yauzl';
import { parse as parseYaml } from 'yaml';
import { serverPerFile } from './server.ts';
import { BoardView, joinAs, noteInFrame } from './board-page.ts';

// A mini staged-compromise workshop ends in two decision records, the second superseding the
// first; the decision log downloads as a zip laid out for a repository (opened here with yauzl,
// its MADR front matter read with a YAML library), and a follow-up session starts from a record.
const server = serverPerFile();

/** Every file of a zip by path, read with yauzl (the server writes with fflate). */
function unzip(bytes: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, strictFileNames: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const files = new Map<string, string>();
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        }),
      );
      zip.readEntry();
    });
  });
}

test('a staged-compromise workshop: two records, one superseding the other, the log as a repo folder, a follow-up session', async ({ browser }) => {
  // Four people on two cores, then a second board: longer than one page's budget.
  test.setTimeout(300_000);
  const board = await server.createBoard('SSO for Acme', 'staged-compromise');
  const link = (role: 'facilitator' | 'participant' | 'viewer') => `${server.url}/b/${board.id}#t=${board.tokens[role]}`;
  const fac = await joinAs(browser, link('facilitator'), 'Fay');
  await expect.poll(async () => (await fac.frames()).filter((f) => f.kind === 'stage').length).toBeGreaterThan(3);
  const priya = await joinAs(browser, link('participant'), 'Priya', { party: 'em' });
  const marco = await joinAs(browser, link('participant'), 'Marco', { party: 'pm' });
  const dana = await joinAs(browser, link('viewer'), 'Dana');
  const all = await fac.frames();
  const frame = (kind: string, party: string, stage?: number) => all.find((f) => f.kind === kind && f.party === party && (stage === undefined || f.stage === stage))!;

  await noteInFrame(priya, frame('need', 'em'), 'The team gets to fix the token service');
  await noteInFrame(marco, frame('need', 'pm'), 'Acme renews in July');
  await noteInFrame(priya, frame('stage', 'em', 1), 'Harden token refresh @priya 2020-01-15');
  await noteInFrame(marco, frame('stage', 'pm', 1), 'SSO for Acme behind a flag @marco 2999-12-31');
  await expect.poll(async () => (await fac.shapes()).filter((s) => s.type === 'note').length).toBe(4);

  // Record #1 with a review date that has come (today, the decision date: none earlier is accepted); Dana, watching, is proposed as informed.
  await fac.dock('Decisions');
  const log = fac.page.getByTestId('decision-log');
  await expect(log.getByLabel('Informed')).toHaveValue('Dana');
  await log.getByLabel('Decision title').fill('Ship SSO in two stages');
  await log.getByLabel('Decision statement').fill('Stage 1 meets Acme; stage 2 makes it scale.');
  // The form refuses a review date before the decision date, and says why.
  await log.getByLabel('Review date').fill('2020-02-01');
  await expect(log.getByTestId('review-date-problem')).toContainText('cannot be before the decision date');
  await expect(log.getByRole('button', { name: 'Record decision' })).toBeDisabled();
  const today = await fac.page.evaluate(() => new Date().toLocaleDateString('sv-SE'));
  await log.getByLabel('Review date').fill(today);
  await expect(log.getByTestId('review-date-problem')).toHaveCount(0);
  await log.getByRole('button', { name: 'Record decision' }).click();
  await expect(log.getByTestId('recorded')).toContainText('Recorded as #1');
  await expect(log.getByTestId('follow-ups-1')).toContainText('overdue');
  await expect(log.getByTestId('follow-ups-1')).toContainText('Harden token refresh @priya 2020-01-15');
  await expect(log.getByTestId('review-due-1')).toBeVisible();

  // Record #2 supersedes #1: both show it.
  await log.getByLabel('Decision title').fill('Ship SSO behind a flag first');
  await log.getByLabel('Decision statement').fill('Acme first, behind a flag; the session store after renewal.');
  await log.getByLabel('Supersedes').selectOption({ label: 'Supersedes #1 Ship SSO in two stages' });
  await log.getByRole('button', { name: 'Record decision' }).click();
  await expect(log.getByTestId('recorded')).toContainText('Recorded as #2');
  await expect(log.getByTestId('record-1')).toContainText('Superseded by #2 Ship SSO behind a flag first');
  await expect(log.getByTestId('record-2')).toContainText('Supersedes #1 Ship SSO in two stages');
  await expect(log.getByTestId('chain-status')).toContainText('Chain intact — 2 records');

  // The decision log as a folder for a repository.
  const download = fac.page.waitForEvent('download');
  await log.getByTestId('download-log').click();
  const zipFile = await download;
  expect(zipFile.suggestedFilename()).toBe('decision-log-sso-for-acme.zip');
  const files = await unzip(readFileSync(await zipFile.path()));
  const listing = [...files.keys()];
  expect(listing).toEqual([
    '.adr-dir',
    '.log4brains.yml',
    'docs/decisions/0001-ship-sso-in-two-stages.json',
    'docs/decisions/0001-ship-sso-in-two-stages.md',
    'docs/decisions/0002-ship-sso-behind-a-flag-first.json',
    'docs/decisions/0002-ship-sso-behind-a-flag-first.md',
    'docs/decisions/README.md',
  ]);
  const madr = files.get('docs/decisions/0001-ship-sso-in-two-stages.md')!;
  const front = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(madr)![1]!) as Record<string, unknown>;
  expect(front).toMatchObject({ status: 'superseded by ADR-0002', 'decision-makers': ['Priya (EM)', 'Marco (PM)'], consulted: ['Fay'], informed: ['Dana'] });
  expect(madr).toContain('## Decision Drivers');
  expect(madr).toContain('| Harden token refresh @priya 2020-01-15 | Stage 1');
  writeFileSync('/tmp/accord-madr-example.md', madr);
  writeFileSync('/tmp/accord-decision-log-listing.txt', `${listing.join('\n')}\n`);

  // The record page: MADR download and "superseded by".
  await log.getByTestId('record-1').getByRole('link').click();
  await expect(fac.page.getByTestId('supersession')).toContainText('Superseded by #2 Ship SSO behind a flag first');
  const madrDownload = fac.page.waitForEvent('download');
  await fac.page.getByRole('button', { name: 'Download MADR' }).click();
  expect((await madrDownload).suggestedFilename()).toBe('0001-ship-sso-in-two-stages.md');
  await fac.page.goBack();
  await fac.waitLive();

  // A follow-up session from #2: a new board with its open follow-ups, a link back, the template beside them.
  await fac.dock('Decisions');
  await fac.page.getByTestId('decision-log').getByLabel('Template for the follow-up session of #2').selectOption('partnership-health');
  await fac.page.getByTestId('start-follow-up-2').click();
  await expect(fac.page).not.toHaveURL(new RegExp(board.id));
  const followUp = new BoardView(fac.page, 'Fay');
  await followUp.waitLive();
  await expect.poll(async () => (await followUp.shapes()).filter((s) => s.type === 'note').map((s) => s.text).sort()).toEqual(
    ['Harden token refresh @priya 2020-01-15(overdue)', 'SSO for Acme behind a flag @marco 2999-12-31'].sort(),
  );
  await expect.poll(async () => (await followUp.shapes()).some((s) => s.type === 'text' && s.text.includes(`/b/${board.id}/records/`))).toBe(true);
  // The chosen template is inserted beside the follow-ups when the facilitator opens the board.
  await expect.poll(async () => (await followUp.frames()).filter((f) => f.kind !== undefined).length).toBeGreaterThan(3);
  await followUp.dock('Decisions');
  await expect(fac.page.getByTestId('follow-up-of')).toContainText('This board follows up decision #2');
  await Promise.all([fac, priya, marco, dana].map((v) => v.page.context().close()));
});
