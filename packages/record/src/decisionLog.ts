import { renderAdrTools } from './adrTools.ts';
import { table } from './blocks.ts';
import { cell, inline } from './escape.ts';
import { yamlString } from './frontMatter.ts';
import { FOLLOW_UP_STATE_LABELS, isReviewDue, trackFollowUps, type TrackedFollowUp } from './followUps.ts';
import { adrFileName, adrLabel, isSuperseded, statusText, type LogBoard, type LogEntry, type SupersedingRecord } from './logEntry.ts';
import { renderMadr } from './madr.ts';

// A board's decision log as files for a repository: one Markdown file per record (MADR 4, or
// Nygard's layout for adr-tools), its JSON record beside it, an index, and the small config files
// log4brains and adr-tools look for. Pure: the server zips what this returns.

/** `madr`: `docs/decisions/`, MADR 4 (log4brains reads it). `adr-tools`: `doc/adr/`, Nygard's layout. */
export type DecisionLogLayout = 'madr' | 'adr-tools';

/** The folder each layout keeps its records in. */
const DECISION_LOG_FOLDERS: Record<DecisionLogLayout, string> = { madr: 'docs/decisions', 'adr-tools': 'doc/adr' };

/** A file of the exported log: a path relative to the repository root (`/`-separated) and its text. */
export interface DecisionLogFile {
  path: string;
  text: string;
}

/** A record of the log with where it stands on a given day: what the decision log panel and the index show. */
export interface LoggedDecision {
  id: string;
  seq: number;
  title: string;
  recordedAt: string;
  /** `accepted`, or `superseded by ADR-0005`. */
  status: string;
  supersededBy: SupersedingRecord[];
  reviewDate: string | null;
  /** The review date has come and the record still stands. */
  reviewDue: boolean;
  followUps: TrackedFollowUp[];
}

/** Each entry with its follow-ups and review tracked on `today` (`YYYY-MM-DD`), in seq order. */
export function trackDecisions(entries: readonly LogEntry[], today: string): LoggedDecision[] {
  return [...entries]
    .sort((a, b) => a.seq - b.seq)
    .map((e) => ({
      id: e.id,
      seq: e.seq,
      title: e.decision.title,
      recordedAt: e.decision.recordedAt,
      status: statusText(e),
      supersededBy: e.supersededBy,
      reviewDate: e.decision.reviewDate,
      reviewDue: !isSuperseded(e) && isReviewDue(e.decision, today),
      followUps: trackFollowUps(e.decision, isSuperseded(e), today),
    }));
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function index(board: LogBoard, decisions: readonly LoggedDecision[], today: string, head: LogEntry | undefined): string {
  const link = (d: LoggedDecision) => `[${adrLabel(d.seq)}](${adrFileName(d.seq, d.title)})`;
  const where = board.boardUrl ? `[${inline(board.boardTitle) || 'the board'}](<${board.boardUrl}>)` : `**${inline(board.boardTitle) || 'the board'}**`;
  const records = decisions.length
    ? table(
        ['ADR', 'Title', 'Status', 'Date', 'Review'],
        ['left', 'left', 'left', 'left', 'left'],
        decisions.map((d) => [link(d), cell(d.title), capital(d.status), d.recordedAt.slice(0, 10), d.reviewDate ? `${d.reviewDate}${d.reviewDue ? ' (due)' : ''}` : '']),
      )
    : 'No decision recorded yet.';
  const open = decisions.flatMap((d) => d.followUps.filter((f) => f.state !== 'closed').map((f) => ({ d, f })));
  const followUps = open.length
    ? table(
        ['ADR', 'Follow-up', 'Owner', 'Due', 'State'],
        ['left', 'left', 'left', 'left', 'left'],
        open.map(({ d, f }) => [link(d), cell(f.text), f.owner ? cell(f.owner) : '', f.due ?? '', FOLLOW_UP_STATE_LABELS[f.state]]),
      )
    : 'None open.';
  const reviews = decisions.filter((d) => d.reviewDue);
  return [
    `# Decision log: ${inline(board.boardTitle) || 'Accord board'}`,
    `Exported from Accord on ${today} from the board ${where}: ${decisions.length} ${decisions.length === 1 ? 'record' : 'records'}${head ? `, chain head ${adrLabel(head.seq)} \`${head.hash}\`` : ''}. Each record has its JSON beside it.`,
    `## Records\n\n${records}`,
    `## Open follow-ups (as of ${today})\n\n${followUps}`,
    `## Reviews due\n\n${reviews.length ? reviews.map((d) => `- ${link(d)} ${inline(d.title)} — review date ${d.reviewDate}`).join('\n') : 'None.'}`,
  ].join('\n\n');
}

/**
 * Every record of a board as files for a repository, sorted by path: `.adr-dir` (adr-tools' pointer
 * to the folder), `.log4brains.yml` (MADR layout), `<folder>/README.md` (an index with follow-ups
 * and reviews due as of `today`), and per record `<folder>/NNNN-title.md` and `NNNN-title.json`
 * (the DecisionRecord as stored). Numbers are chain positions, so they are stable.
 */
export function decisionLogFiles(args: { board: LogBoard; entries: readonly LogEntry[]; layout: DecisionLogLayout; today: string }): DecisionLogFile[] {
  const { board, layout, today } = args;
  const entries = [...args.entries].sort((a, b) => a.seq - b.seq);
  const folder = DECISION_LOG_FOLDERS[layout];
  const render = layout === 'madr' ? renderMadr : renderAdrTools;
  const files: DecisionLogFile[] = [
    { path: '.adr-dir', text: `${folder}\n` },
    { path: `${folder}/README.md`, text: `${index(board, trackDecisions(entries, today), today, entries.at(-1))}\n` },
  ];
  // log4brains looks for this at the repository root; its folder setting points at the records.
  if (layout === 'madr') files.push({ path: '.log4brains.yml', text: `project:\n  name: ${yamlString(board.boardTitle || 'Accord board')}\n  tz: Etc/UTC\n  adrFolder: ./${folder}\n` });
  for (const e of entries) {
    files.push({ path: `${folder}/${adrFileName(e.seq, e.decision.title)}`, text: render(e, board) });
    files.push({ path: `${folder}/${adrFileName(e.seq, e.decision.title, 'json')}`, text: `${JSON.stringify(e.decision, null, 2)}\n` });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
