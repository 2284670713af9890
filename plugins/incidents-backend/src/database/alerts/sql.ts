import { Knex } from 'knex';

/** Statement helpers shared by the alert queries: batching, lock order and retries. */

export type Db = Knex | Knex.Transaction;

/** Multi-row statements stay well under SQLite's and PostgreSQL's bind limits. */
const CHUNK = 300;

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/** Code-point order, the same in every process (lock order must not depend on locale). */
export function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The map key of an (entity, incident group) claim. */
export function groupKeyOf(entityRef: string, hash: string) {
  return `${entityRef}\u0000${hash}`;
}

export function splitGroupKey(key: string): {
  entityRef: string;
  hash: string;
} {
  const [entityRef, hash] = key.split('\u0000');
  return { entityRef, hash };
}

/** PostgreSQL deadlock / serialization failure, SQLite busy: safe to run again. */
function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === '40P01' || code === '40001' || code === 'SQLITE_BUSY';
}

/** Runs `work` in a transaction, again (up to four times) when the database asks to. */
export async function retryingTransaction<T>(
  db: Knex,
  work: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (attempt >= 4 || !isRetryable(error)) {
        throw error;
      }
      await new Promise(r => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}
