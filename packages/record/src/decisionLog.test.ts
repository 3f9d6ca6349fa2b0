import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { decisionLogFiles, trackDecisions } from './decisionLog.ts';
import { dueState, followUpsOf, isReviewDue } from './followUps.ts';
import { adrFileName, adrSlug } from './logEntry.ts';
import { validateDecisionRecord } from './schema.ts';
import { BOARD, entry } from './test/log.ts';
import { needsVsPositionsExample, retroExample, stagedCompromiseExample } from './test/examples.ts';

const TODAY = '2025-05-01';
const superseder = { boardId: BOARD.boardId, recordId: 'rec3abcdefgh', seq: 3, title: 'Hold a weekly trade-off review', recordedAt: '2025-03-05T09:00:00.000Z' };
const log = () => [
  entry(1, stagedCompromiseExample()),
  entry(2, { ...needsVsPositionsExample(), reviewDate: '2025-04-30' }, [superseder]),
  entry(3, { ...retroExample(), title: 'Hold a weekly trade-off review', reviewDate: '2025-05-01', supersedes: { boardId: BOARD.boardId, recordId: 'rec2abcdefgh', seq: 2, title: 'Batch growth experiments into a framework the team builds' } }),
];

describe('file names', () => {
  it('are NNNN-title-with-dashes, ASCII', () => {
    expect(adrFileName(7, 'Ship SSO — in two stages!')).toBe('0007-ship-sso-in-two-stages.md');
    expect(adrFileName(12, 'Écrire à l’équipe', 'json')).toBe('0012-ecrire-a-l-equipe.json');
    expect(adrSlug('   ')).toBe('decision');
    expect(adrSlug('x'.repeat(100))).toHaveLength(60);
  });
});

describe('decisionLogFiles', () => {
  it('lays out a MADR log for log4brains and adr-tools: records, their JSON, an index, config', () => {
    const files = decisionLogFiles({ board: BOARD, entries: log().reverse(), layout: 'madr', today: TODAY });
    expect(files.map((f) => f.path)).toEqual([
      '.adr-dir',
      '.log4brains.yml',
      'docs/decisions/0001-ship-sso-in-two-stages.json',
      'docs/decisions/0001-ship-sso-in-two-stages.md',
      'docs/decisions/0002-batch-growth-experiments-into-a-framework-the-team-builds.json',
      'docs/decisions/0002-batch-growth-experiments-into-a-framework-the-team-builds.md',
      'docs/decisions/0003-hold-a-weekly-trade-off-review.json',
      'docs/decisions/0003-hold-a-weekly-trade-off-review.md',
      'docs/decisions/README.md',
    ]);
    const file = (path: string) => files.find((f) => f.path === path)!.text;
    expect(file('.adr-dir')).toBe('docs/decisions\n');
    expect(parseYaml(file('.log4brains.yml'))).toEqual({ project: { name: 'Growth team', tz: 'Etc/UTC', adrFolder: './docs/decisions' } });
    const json: unknown = JSON.parse(file('docs/decisions/0003-hold-a-weekly-trade-off-review.json'));
    expect(validateDecisionRecord(json)).toBe(true);
    expect(file('docs/decisions/0002-batch-growth-experiments-into-a-framework-the-team-builds.md')).toMatch(/^---\nstatus: "superseded by ADR-0003"\n/);
    expect(file('docs/decisions/0003-hold-a-weekly-trade-off-review.md')).toContain(
      'Supersedes [ADR-0002](0002-batch-growth-experiments-into-a-framework-the-team-builds.md) — Batch growth experiments into a framework the team builds.',
    );
  });

  it('indexes the records with status, open follow-ups with their state, and reviews due', () => {
    const readme = decisionLogFiles({ board: BOARD, entries: log(), layout: 'madr', today: TODAY }).find((f) => f.path.endsWith('README.md'))!.text;
    expect(readme).toContain('| [ADR-0002](0002-batch-growth-experiments-into-a-framework-the-team-builds.md) | Batch growth experiments into a framework the team builds | Superseded by ADR-0003 | 2025-03-04 | 2025-04-30 |');
    expect(readme).toContain('| [ADR-0001](0001-ship-sso-in-two-stages.md) | Harden token refresh @priya 2025-04-15 | priya | 2025-04-15 | Overdue |');
    expect(readme).toContain('| [ADR-0001](0001-ship-sso-in-two-stages.md) | Rebuild the session store so SSO scales @sam 2025-06-30 | sam | 2025-06-30 | Upcoming |');
    expect(readme).toContain('| [ADR-0003](0003-hold-a-weekly-trade-off-review.md) | Weekly 20-minute trade-off review, Marco starts it @marco | marco |  | No date |');
    // Record 2 is superseded: its review is not due any more.
    expect(readme.split('## Reviews due')[1]).toBe('\n\n- [ADR-0003](0003-hold-a-weekly-trade-off-review.md) Hold a weekly trade-off review — review date 2025-05-01\n');
  });

  it('lays out an adr-tools log in doc/adr with Nygard records', () => {
    const files = decisionLogFiles({ board: BOARD, entries: log(), layout: 'adr-tools', today: TODAY });
    expect(files.map((f) => f.path).filter((p) => !p.startsWith('doc/adr/0'))).toEqual(['.adr-dir', 'doc/adr/README.md']);
    expect(files.filter((f) => f.path.endsWith('.md') && f.path.includes('/0'))).toHaveLength(3);
    expect(files.find((f) => f.path === 'doc/adr/0002-batch-growth-experiments-into-a-framework-the-team-builds.md')!.text).toContain(
      '## Status\n\nSuperseded by [3. Hold a weekly trade-off review](0003-hold-a-weekly-trade-off-review.md)',
    );
  });

  it('is an index alone for a board without records', () => {
    const files = decisionLogFiles({ board: { ...BOARD, chainLength: 0 }, entries: [], layout: 'madr', today: TODAY });
    expect(files.map((f) => f.path)).toEqual(['.adr-dir', '.log4brains.yml', 'docs/decisions/README.md']);
    expect(files[2]!.text).toContain('No decision recorded yet.');
  });
});

describe('follow-ups', () => {
  it('are the stages in order, then the changes to make, with owner and date', () => {
    expect(followUpsOf(stagedCompromiseExample()).map((f) => [f.kind, f.stage, f.owner, f.due])).toEqual([
      ['stage', 1, 'priya', '2025-04-15'],
      ['stage', 1, 'Marco', '2025-04-30'],
      ['stage', 2, 'sam', '2025-06-30'],
      ['stage', 2, null, null],
    ]);
    expect(followUpsOf(retroExample()).map((f) => [f.kind, f.owner])).toEqual([['action', 'marco']]);
    expect(followUpsOf(needsVsPositionsExample())).toEqual([]);
  });

  it('are overdue once their day has passed, due on the day, closed once their record is superseded', () => {
    expect([dueState('2025-04-30', TODAY), dueState(TODAY, TODAY), dueState('2025-05-02', TODAY), dueState(null, TODAY)]).toEqual(['overdue', 'due-today', 'upcoming', 'undated']);
    const [first, second, third] = trackDecisions(log(), TODAY);
    expect(first!.followUps.map((f) => f.state)).toEqual(['overdue', 'overdue', 'upcoming', 'undated']);
    expect(second!.followUps).toEqual([]);
    expect(third!.followUps.map((f) => f.state)).toEqual(['undated']);
    expect(trackDecisions([entry(1, stagedCompromiseExample(), [superseder])], TODAY)[0]!.followUps.every((f) => f.state === 'closed')).toBe(true);
    expect([isReviewDue({ reviewDate: TODAY }, TODAY), isReviewDue({ reviewDate: '2025-05-02' }, TODAY), isReviewDue({ reviewDate: null }, TODAY)]).toEqual([true, false, false]);
    expect([second!.reviewDue, third!.reviewDue]).toEqual([false, true]);
  });
});
