import { Knex } from 'knex';
import { isPostgres } from './dialect';

/**
 * Free-text search of incidents through the full-text index of migration
 * 20261201110000_read_paths: PostgreSQL matches the GIN-indexed tsvector column, SQLite
 * the FTS5 table. Both see the same tokens (runs of letters and digits, lower-cased, no
 * stemming); every word of the query must start a word of the title, summary or customer
 * impact (`check` finds "checkout"), so adding words narrows the result.
 */

const MAX_TERMS = 8;

/** The words of a query, lower-cased; characters other than letters and digits separate them. */
export function searchTerms(q: string): string[] {
  const words = q.toLocaleLowerCase('en-US').match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/**
 * Adds `OR <incident matches the terms>` to `where` (a group of alternatives over the
 * `incidents` table); nothing when there are no terms.
 */
export function orWhereMatchesText(
  where: Knex.QueryBuilder,
  db: Knex,
  terms: string[],
): void {
  if (terms.length === 0) {
    return;
  }
  if (isPostgres(db)) {
    // Terms are letters and digits only, so they need no quoting inside the tsquery.
    const tsquery = terms.map(t => `${t}:*`).join(' & ');
    // The stored tsvector column of the migration, GIN-indexed.
    where.orWhereRaw(`incidents.search_vector @@ to_tsquery('simple', ?)`, [
      tsquery,
    ]);
    return;
  }
  const match = terms.map(t => `"${t}"*`).join(' ');
  where.orWhereRaw(
    'incidents.rowid in (select rowid from incidents_fts where incidents_fts match ?)',
    [match],
  );
}
