import { describe, expect, it } from '@jest/globals';
import { isRetentionOver, retentionDeadline } from './retention.js';

describe('retentionDeadline', () => {
  it.each([
    ['2026-06-30T21:59:59.000Z', 12, '2027-06-30T21:59:59.000Z'],
    ['2026-01-31T10:00:00.000Z', 1, '2026-02-28T10:00:00.000Z'],
    ['2027-01-31T10:00:00.000Z', 13, '2028-02-29T10:00:00.000Z'],
    ['2026-11-15T00:00:00.000Z', 2, '2027-01-15T00:00:00.000Z'],
    ['2026-03-31T23:30:00.000Z', 120, '2036-03-31T23:30:00.000Z'],
    ['2026-05-04T08:00:00.000Z', 0, '2026-05-04T08:00:00.000Z'],
  ])('closes %s, kept %i months → %s', (closesAt, months, expected) => {
    expect(retentionDeadline(new Date(closesAt), months).toISOString()).toBe(expected);
  });

  it('refuses a negative or fractional period', () => {
    expect(() => retentionDeadline(new Date(), -1)).toThrow(RangeError);
    expect(() => retentionDeadline(new Date(), 1.5)).toThrow(RangeError);
  });
});

describe('isRetentionOver', () => {
  const closesAt = new Date('2026-06-30T22:00:00.000Z');
  it('is over from the deadline on, not a millisecond before', () => {
    expect(isRetentionOver(closesAt, 6, new Date('2026-12-30T21:59:59.999Z'))).toBe(false);
    expect(isRetentionOver(closesAt, 6, new Date('2026-12-30T22:00:00.000Z'))).toBe(true);
  });
});
