import { Knex } from 'knex';

/** Whether the store runs on PostgreSQL (else SQLite), for the few statements that differ. */
export function isPostgres(db: Knex | Knex.Transaction): boolean {
  return db.client.config.client === 'pg';
}
