// @ts-check

/**
 * Read paths of the leadership and team pages at 100,000 incidents and 200,000 action items:
 * - Insights filter incidents by declaration time (a range of weeks): an index on it, so the
 *   six aggregates read only the incidents of the range;
 * - a team's Action items card lists its open items by due time (undated last), a few of many
 *   thousands: a partial index in that order lets the query stop after one page instead of
 *   sorting every open item of the team and its sub-teams.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incidents', table => {
    table.index(['declared_at'], 'incidents_declared_at_idx');
  });
  await knex.schema.alterTable('incident_action_items', table => {
    table.index(['due_at', 'id'], 'incident_action_items_open_due_idx', {
      predicate: knex.whereRaw("status in ('open', 'in_progress')"),
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incident_action_items', table => {
    table.dropIndex([], 'incident_action_items_open_due_idx');
  });
  await knex.schema.alterTable('incidents', table => {
    table.dropIndex([], 'incidents_declared_at_idx');
  });
};
