// @ts-check

/**
 * The unrouted-alerts inbox (alerts without an entity), newest first: partial indexes in the
 * inbox's order, so that its first page and capped count read the newest 1,001 entries of
 * an index instead of sorting every match (20,000 unrouted alerts on the bench dataset, a
 * sort that spilled to disk): one of every unrouted alert (the inbox's "all"), one of the
 * active ones (its default, and the count on the incidents page's tab). SQLite matches a
 * partial index's predicate by its text, which a bound `status in (?, ?)` never matches, so
 * the second index serves PostgreSQL only; SQLite reads the first.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('alerts', table => {
    table.index(['starts_at', 'id'], 'alerts_unrouted_starts_idx', {
      predicate: knex.whereNull('entity_ref'),
    });
    table.index(['starts_at', 'id'], 'alerts_unrouted_active_starts_idx', {
      // Literals, not bindings: neither database takes parameters in an index.
      predicate: knex
        .whereNull('entity_ref')
        .whereRaw("status in ('firing', 'acknowledged')"),
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('alerts', table => {
    table.dropIndex([], 'alerts_unrouted_active_starts_idx');
    table.dropIndex([], 'alerts_unrouted_starts_idx');
  });
};
