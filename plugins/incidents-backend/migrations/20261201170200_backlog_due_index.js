// @ts-check

/**
 * The backlog job asks every minute, on whichever replica holds it, which incidents wait for
 * their team's business hours: a partial index of only those (a handful among 100,000), so the
 * question is not a sequential scan of `incidents`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incidents', table => {
    table.index(['backlog_assign_at'], 'incidents_backlog_due_idx', {
      predicate: knex
        .whereNotNull('backlog_group_ref')
        .whereNull('backlog_assigned_at'),
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incidents', table => {
    table.dropIndex([], 'incidents_backlog_due_idx');
  });
};
