import { describe, expect, it } from 'vitest';
import { isDay, localToday, reviewDateProblem } from './reviewDate.ts';

describe('the review date of a decision', () => {
  it('may be empty, the decision date itself, or later', () => {
    expect(reviewDateProblem('', '2026-11-30')).toBeNull();
    expect(reviewDateProblem('2026-11-30', '2026-11-30')).toBeNull();
    expect(reviewDateProblem('2026-12-01', '2026-11-30')).toBeNull();
    expect(reviewDateProblem('2027-01-15', '2026-11-30')).toBeNull();
  });

  it('is refused before the decision date, saying which date that is', () => {
    expect(reviewDateProblem('2026-11-29', '2026-11-30')).toBe('The review date cannot be before the decision date (today, 2026-11-30).');
    expect(reviewDateProblem('2020-02-01', '2026-11-30')).toMatch(/cannot be before the decision date/);
  });

  it('is refused when it names no day', () => {
    expect(reviewDateProblem('2027-02-30', '2026-11-30')).toBe('The review date is not a real day.');
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2027-2-3')).toBe(false);
  });

  it('compares with today in the browser’s own time zone', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(localToday(new Date(2026, 10, 30, 0, 1))).toBe('2026-11-30');
  });
});
