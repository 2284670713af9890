// @ts-check

/**
 * The outbox by incident: a write delivers its own incident's pending effects right after its
 * commit, and no effect is claimed while an earlier one of its incident is out with another
 * worker. Both read the pending effects of one incident, in order.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incident_outbox', table => {
    table.index(['incident_id', 'id'], 'incident_outbox_incident_pending_idx', {
      predicate: knex.whereNull('delivered_at'),
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incident_outbox', table => {
    table.dropIndex([], 'incident_outbox_incident_pending_idx');
  });
};
