/** True when `YYYY-MM-DD` names a day that exists. */
export const isDay = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Today in this browser's time zone, as `YYYY-MM-DD`: the date a decision recorded now is given here. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * What is wrong with a review date for a decision recorded on `today`, as a sentence, or null when
 * it is fine (or empty: the review date is optional). A review cannot come before the decision.
 */
export function reviewDateProblem(reviewDate: string, today: string): string | null {
  if (!reviewDate) return null;
  if (!isDay(reviewDate)) return 'The review date is not a real day.';
  if (reviewDate < today) return `The review date cannot be before the decision date (today, ${today}).`;
  return null;
}
