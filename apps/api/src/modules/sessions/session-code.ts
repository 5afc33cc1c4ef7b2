import { randomInt } from 'node:crypto';
import { SESSION_CODE_ALPHABET, SESSION_CODE_LENGTH } from '#domain';

/** The partial unique index that keeps a code to one open session at a time. */
export const OPEN_CODE_INDEX = 'UQ_collective_session_open_code';
/** With ~3.9·10⁸ codes a second collision in a row is already absurdly rare; past this, something else is wrong. */
export const CODE_ATTEMPTS = 8;

/** A session code drawn uniformly from the alphabet with the system's CSPRNG (codes gate joining, so no Math.random). */
export function generateSessionCode(): string {
  let code = '';
  for (let i = 0; i < SESSION_CODE_LENGTH; i += 1) code += SESSION_CODE_ALPHABET[randomInt(SESSION_CODE_ALPHABET.length)];
  return code;
}

/** Whether a database error is the open-code index refusing a code another open session holds. */
export function isOpenCodeCollision(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: unknown; constraint?: unknown } } | null)?.driverError;
  return driverError?.code === '23505' && driverError.constraint === OPEN_CODE_INDEX;
}

/**
 * Runs `attempt` with fresh codes until one is not taken by another open session. `attempt` must
 * be a whole transaction: PostgreSQL aborts a transaction at the failed insert, so a retry
 * starts over rather than continuing it.
 */
export async function withFreshCode<T>(attempt: (code: string) => Promise<T>, generate: () => string = generateSessionCode, attempts = CODE_ATTEMPTS): Promise<T> {
  for (let tried = 1; ; tried += 1) {
    try {
      return await attempt(generate());
    } catch (error) {
      if (!isOpenCodeCollision(error) || tried >= attempts) throw error;
    }
  }
}
