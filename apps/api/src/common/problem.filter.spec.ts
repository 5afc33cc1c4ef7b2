import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { toProblem } from './problem.filter.js';

function pgError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

describe('toProblem', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a server shutting down (57P01)', new QueryFailedError('SELECT 1', [], pgError('57P01', 'terminating connection due to administrator command'))],
    ['a server starting up (57P03)', pgError('57P03', 'the database system is starting up')],
    ['a connection failure (08006)', pgError('08006', 'connection failure')],
    ['a connection the driver lost', new Error('Connection terminated unexpectedly')],
  ])('answers %s with 503 database-unavailable, to retry after a few seconds', (_name, error) => {
    const problem = toProblem(error, '/api/v1/r/x/submissions/y');
    expect(problem).toMatchObject({ status: 503, code: 'database-unavailable', retryAfterSeconds: 5 });
    expect(problem.detail).toContain('nothing was saved');
  });

  it('keeps other database errors internal (500), without their message', () => {
    const problem = toProblem(new QueryFailedError('INSERT …', [], pgError('23505', 'duplicate key value violates unique constraint "x"')), '/api/v1/x');
    expect(problem).toMatchObject({ status: 500, code: 'internal-error' });
    expect(problem.detail).not.toContain('duplicate key');
  });
});
