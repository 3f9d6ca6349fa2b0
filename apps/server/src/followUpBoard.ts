import * as Y from 'yjs';
import { FOLLOW_UP_OF_META, boardSchema, initialBoardRecords, seedFrame, seedNote, seedText, writeBoardRecords, type FollowUpOf } from '@accord/board';
import { FOLLOW_UP_STATE_LABELS, adrLabel, type LoggedDecision } from '@accord/record';

// The content a follow-up session starts with, written by the server when it creates the board:
// a line saying which decision it follows up (with the record's address, no token), and a frame
// holding one note per open follow-up (and the review, when one is set). The chosen template is
// inserted beside them when the facilitator first opens the board, as for any new board.

/** Most follow-ups carried onto one board; the rest are counted on a last note. */
const MAX_CARRIED_FOLLOW_UPS = 60;

const NOTE = 200;
const GAP = 20;
const COLUMNS = 4;
const PAGE = 'page:page';
// Fractional index keys `a1` … `az` for up to 61 siblings, in order.
const DIGITS = '123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const indexKey = (i: number): string => `a${DIGITS[i] ?? 'z'}`;

/** The texts of the notes a follow-up board carries: each open follow-up, then the review. */
function carriedNotes(decision: LoggedDecision): { text: string; color: string }[] {
  const open = decision.followUps.filter((f) => f.state !== 'closed');
  const notes = open.slice(0, MAX_CARRIED_FOLLOW_UPS).map((f) => ({
    text: f.state === 'overdue' || f.state === 'due-today' ? `${f.text}\n(${FOLLOW_UP_STATE_LABELS[f.state].toLowerCase()})` : f.text,
    color: f.state === 'overdue' ? 'light-red' : f.state === 'due-today' ? 'orange' : 'yellow',
  }));
  if (open.length > MAX_CARRIED_FOLLOW_UPS) notes.push({ text: `…and ${open.length - MAX_CARRIED_FOLLOW_UPS} more in the record`, color: 'grey' });
  if (decision.reviewDate && decision.supersededBy.length === 0) notes.push({ text: `Review the decision (review date ${decision.reviewDate})`, color: decision.reviewDue ? 'orange' : 'light-blue' });
  return notes;
}

/**
 * The first update of a follow-up board's content room: its document record (named `title`, with
 * `meta.accordFollowUpOf`), a page, the line back to the record and the frame of carried notes.
 */
export function followUpBoardContent(args: { title: string; origin: FollowUpOf; recordUrl: string; fromBoardTitle: string; decision: LoggedDecision }): Uint8Array {
  const { origin, decision } = args;
  const [document, page] = initialBoardRecords(args.title);
  const notes = carriedNotes(decision);
  const rows = Math.max(1, Math.ceil(notes.length / COLUMNS));
  const frameId = 'shape:follow-ups' as never;
  const label = `${adrLabel(origin.seq)} “${origin.title}”`;
  const shapes = [
    seedText({
      id: 'shape:follow-up-of' as never,
      parentId: PAGE as never,
      index: indexKey(0),
      x: 0,
      y: -140,
      w: GAP + COLUMNS * (NOTE + GAP),
      text: `Follow-up session of ${label}, decided on ${decision.recordedAt.slice(0, 10)} on the board “${args.fromBoardTitle}”.\nThe record: ${args.recordUrl}`,
    }),
    seedFrame({ id: frameId, parentId: PAGE as never, index: indexKey(1), x: 0, y: 0, w: GAP + COLUMNS * (NOTE + GAP), h: 2 * GAP + rows * (NOTE + GAP), name: `Follow-ups of ${label}` }),
    ...notes.map((n, i) =>
      seedNote({ id: `shape:follow-up-${i}` as never, parentId: frameId, index: indexKey(i), x: GAP + (i % COLUMNS) * (NOTE + GAP), y: 2 * GAP + Math.floor(i / COLUMNS) * (NOTE + GAP), text: n.text, color: n.color }),
    ),
  ];
  const doc = new Y.Doc();
  writeBoardRecords(doc, [{ ...document!, meta: { [FOLLOW_UP_OF_META]: { ...origin } } } as never, page!, ...shapes], boardSchema());
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
