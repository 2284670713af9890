// @ts-check

/**
 * Free text over open incidents (the incidents list's default status) on PostgreSQL: a
 * partial GIN index of the open incidents' search vectors, so that a search among the 2% of
 * incidents still open reads their matches, not every match in the history. SQLite searches
 * its FTS5 table and needs none.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw(
    `create index incidents_open_search_idx on incidents using gin (search_vector) where phase <> 'closed'`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('drop index if exists incidents_open_search_idx');
};
