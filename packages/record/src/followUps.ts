import type { DecisionRecord } from './types.ts';

// What a decision leaves to do: the stages of a staged compromise and the changes agreed, each
// with the owner and date its note names, and the day the decision is to be reviewed.

/** Where a follow-up comes from: a stage of the staged compromise, or a change to make. */
type FollowUpKind = 'stage' | 'action';

/** One thing to do after the decision, as its note says. */
export interface FollowUp {
  /** The note's shape id (unique within its record). */
  id: string;
  kind: FollowUpKind;
  /** The stage, for `stage` follow-ups; null for actions. */
  stage: number | null;
  text: string;
  /** The side or area the note was in, e.g. `Priya (EM) · Stage 1`. */
  area: string | null;
  owner: string | null;
  /** `YYYY-MM-DD`, or null when the note names no date. */
  due: string | null;
}

/**
 * Where a follow-up stands on a given day: `overdue` (its date has passed), `due-today`,
 * `upcoming`, `undated`; and `closed` when its record has been superseded (the later decision
 * replaces what was left to do).
 */
export type FollowUpState = 'overdue' | 'due-today' | 'upcoming' | 'undated' | 'closed';

/** The record's follow-ups: every stage's items in stage order, then the changes to make. */
export function followUpsOf(record: DecisionRecord): FollowUp[] {
  const s = record.stages;
  if (!s) return [];
  const staged = s.steps.flatMap((step) =>
    step.items.map((i): FollowUp => ({ id: i.id, kind: 'stage', stage: step.stage, text: i.text, area: i.area, owner: i.owner, due: i.due })),
  );
  const actions = s.actions.map((i): FollowUp => ({ id: i.id, kind: 'action', stage: null, text: i.text, area: i.area, owner: i.owner, due: i.due }));
  return [...staged, ...actions];
}

/** Where a date stands on `today` (both `YYYY-MM-DD`, which compare as strings). */
export function dueState(due: string | null, today: string): Exclude<FollowUpState, 'closed'> {
  if (!due) return 'undated';
  return due < today ? 'overdue' : due === today ? 'due-today' : 'upcoming';
}

/** True when the record names a review date and that day has come. */
export function isReviewDue(record: Pick<DecisionRecord, 'reviewDate'>, today: string): boolean {
  return record.reviewDate !== null && record.reviewDate <= today;
}

/** A follow-up with where it stands. */
export interface TrackedFollowUp extends FollowUp {
  state: FollowUpState;
}

/**
 * The record's follow-ups with where each stands on `today`; all `closed` once the record is
 * superseded.
 */
export function trackFollowUps(record: DecisionRecord, superseded: boolean, today: string): TrackedFollowUp[] {
  return followUpsOf(record).map((f) => ({ ...f, state: superseded ? 'closed' : dueState(f.due, today) }));
}

/** How a follow-up's state reads in a list or table. */
export const FOLLOW_UP_STATE_LABELS: Record<FollowUpState, string> = {
  overdue: 'Overdue',
  'due-today': 'Due today',
  upcoming: 'Upcoming',
  undated: 'No date',
  closed: 'Closed (superseded)',
};
