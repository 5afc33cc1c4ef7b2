/**
 * How long individual answers are kept. Each evaluation sets a retention period, in months,
 * counted from the end of its collection (`closesAt`); past that date its submissions are deleted
 * and only the analysis, whose figures already respect k, remains.
 */

export const DEFAULT_RETENTION_MONTHS = 12;
export const MIN_RETENTION_MONTHS = 1;
/** Ten years: longer would no longer be a retention period. */
export const MAX_RETENTION_MONTHS = 120;

/**
 * The moment an evaluation's individual answers are deleted: `closesAt` plus `months` calendar
 * months, in UTC. A day the target month lacks falls back to its last day (31 January + 1 month →
 * 28 or 29 February), so the deadline never spills into the month after.
 */
export function retentionDeadline(closesAt: Date, months: number): Date {
  if (!Number.isInteger(months) || months < 0) throw new RangeError(`months must be a non-negative integer, got ${months}`);
  const year = closesAt.getUTCFullYear();
  const month = closesAt.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(closesAt.getUTCDate(), lastDay);
  return new Date(
    Date.UTC(year, month, day, closesAt.getUTCHours(), closesAt.getUTCMinutes(), closesAt.getUTCSeconds(), closesAt.getUTCMilliseconds()),
  );
}

/** Whether the answers of an evaluation that closed at `closesAt`, kept `months`, are due for deletion at `now`. */
export function isRetentionOver(closesAt: Date, months: number, now: Date): boolean {
  return now.getTime() >= retentionDeadline(closesAt, months).getTime();
}
