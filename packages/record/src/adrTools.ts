import { demote, section, type Block } from './blocks.ts';
import { inline, paragraphs } from './escape.ts';
import { isSuperseded, refMarkdown, supersederMarkdown, type LogBoard, type LogEntry } from './logEntry.ts';
import { adrContext, agenda, participants, stages, votes } from './markdown.ts';

// A record in Michael Nygard's layout, as adr-tools writes and reads it: `# N. Title`, a `Date:`
// line, then Status, Context, Decision and Consequences. adr-tools links records by rewriting the
// Status section ("Superseded by [N. Title](NNNN-title.md)"); the export writes it the same way.

/** The section headings of a Nygard record, in order. */
export const NYGARD_SECTIONS = ['Status', 'Context', 'Decision', 'Consequences'] as const;

/**
 * A record in Nygard's layout (adr-tools): `# N. Title`, `Date: YYYY-MM-DD`, then Status
 * (`Accepted`, or `Superseded by [N. Title](NNNN-title.md)`, and what it supersedes), Context
 * (where it was recorded, the diagnosis, needs vs positions, trifecta, scorecard, options, open
 * questions), Decision (the statement and owner) and Consequences (stages, changes, review date,
 * votes, chain facts). Board text is escaped as in renderMarkdown. Pure; ends with a newline.
 */
export function renderAdrTools(entry: LogEntry, board: LogBoard): string {
  const r = entry.decision;
  const status = [
    isSuperseded(entry) ? entry.supersededBy.map((s) => `Superseded by ${supersederMarkdown(s, 'nygard')}`).join('\n\n') : 'Accepted',
    r.supersedes ? `Supersedes ${refMarkdown(r.supersedes, board.boardId, 'nygard')}` : null,
  ];
  const chain = `Record ${inline(entry.id)} of board ${inline(board.boardId)}, position ${entry.seq} of ${board.chainLength} in its hash chain; SHA-256 \`${entry.hash}\`.`;
  const blocks: Block[] = [
    `# ${entry.seq}. ${inline(r.title) || 'Decision'}`,
    `Date: ${r.recordedAt.slice(0, 10)}`,
    section('## Status', status),
    adrContext(r, '## Context', { needsAndOptions: true }),
    section('## Decision', [paragraphs(r.statement) || inline(r.title), r.owner ? `Owner: ${inline(r.owner)}.` : null]),
    section('## Consequences', [
      demote(stages(r)),
      r.reviewDate ? `To be reviewed on ${r.reviewDate}.` : null,
      demote(votes(r)),
      demote(agenda(r)),
      demote(participants(r)),
      chain,
    ]),
  ];
  return `${blocks.filter((b): b is string => !!b).join('\n\n')}\n`;
}
