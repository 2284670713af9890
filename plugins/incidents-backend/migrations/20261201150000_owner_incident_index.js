// @ts-check

/**
 * A team's incidents (the team card, postmortems and insights by owner) are a semi-join on
 * incident_entities by owner: (owner_ref, incident_id) answers it from the index alone, as
 * (entity_ref, incident_id) does for an entity's.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incident_entities', table => {
    table.index(
      ['owner_ref', 'incident_id'],
      'incident_entities_owner_incident_idx',
    );
  });
  await knex.schema.alterTable('incident_entities', table => {
    table.dropIndex([], 'incident_entities_owner_ref_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incident_entities', table => {
    table.index(['owner_ref'], 'incident_entities_owner_ref_idx');
  });
  await knex.schema.alterTable('incident_entities', table => {
    table.dropIndex([], 'incident_entities_owner_incident_idx');
  });
};
