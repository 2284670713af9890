/**
 * Whether an error means the database cannot be reached right now (a retry later can
 * succeed): connection refused or lost, pool exhausted, server shutting down, serialisation
 * or deadlock aborts, SQLite busy.
 */

/** What callers are told: nothing about where the database is. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  'The incidents database is unavailable; retry later.';

/** Connection-level failures: the database is unavailable, the sender should retry. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '40P01',
  '40001',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') {
    return false;
  }
  const { code, name, message } = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
  };
  if (
    typeof code === 'string' &&
    (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))
  ) {
    return true;
  }
  if (name === 'KnexTimeoutError') {
    return true;
  }
  return (
    typeof message === 'string' &&
    /Connection terminated|Timeout acquiring a connection|Unable to acquire a connection|connect ECONNREFUSED|Client has encountered a connection error|Connection is closed/i.test(
      message,
    )
  );
}
