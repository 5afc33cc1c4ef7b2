import { describe, expect, it } from '@jest/globals';
import { isSessionCode, SESSION_CODE_ALPHABET } from '#domain';
import { generateSessionCode, isOpenCodeCollision, OPEN_CODE_INDEX, withFreshCode } from './session-code.js';

/** What TypeORM throws when PostgreSQL refuses an insert on a unique index. */
function uniqueViolation(constraint: string): Error {
  return Object.assign(new Error('duplicate key value violates unique constraint'), { driverError: { code: '23505', constraint } });
}

describe('session codes', () => {
  it('draws valid codes that use the whole alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i += 1) {
      const code = generateSessionCode();
      expect(isSessionCode(code)).toBe(true);
      for (const char of code) seen.add(char);
    }
    expect([...seen].sort().join('')).toBe([...SESSION_CODE_ALPHABET].sort().join(''));
  });

  it.each([
    [uniqueViolation(OPEN_CODE_INDEX), true],
    [uniqueViolation('UQ_something_else'), false],
    [Object.assign(new Error('check'), { driverError: { code: '23514', constraint: OPEN_CODE_INDEX } }), false],
    [new Error('plain'), false],
    [null, false],
  ])('recognises a collision on the open-code index (%#)', (error, expected) => {
    expect(isOpenCodeCollision(error)).toBe(expected);
  });

  it('retries with a new code while another open session holds it', async () => {
    const codes = ['AAAAAA', 'BBBBBB', 'CCCCCC'];
    const tried: string[] = [];
    const result = await withFreshCode(
      async (code) => {
        tried.push(code);
        if (code !== 'CCCCCC') throw uniqueViolation(OPEN_CODE_INDEX);
        return `opened with ${code}`;
      },
      () => codes.shift()!,
    );
    expect(result).toBe('opened with CCCCCC');
    expect(tried).toEqual(['AAAAAA', 'BBBBBB', 'CCCCCC']);
  });

  it('gives up after the allowed attempts, and never retries another error', async () => {
    let calls = 0;
    await expect(
      withFreshCode(
        () => {
          calls += 1;
          return Promise.reject(uniqueViolation(OPEN_CODE_INDEX));
        },
        () => 'AAAAAA',
        3,
      ),
    ).rejects.toMatchObject({ driverError: { constraint: OPEN_CODE_INDEX } });
    expect(calls).toBe(3);

    calls = 0;
    await expect(
      withFreshCode(() => {
        calls += 1;
        return Promise.reject(new Error('evaluation-locked'));
      }),
    ).rejects.toThrow('evaluation-locked');
    expect(calls).toBe(1);
  });
});
