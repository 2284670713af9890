// @ts-check

/**
 * The open incidents of an entity or a team (the Incidents tab, the team page) are a few
 * among its whole history (224 of 11,600 on a busy service): incident_entities carries
 * whether its incident is closed, kept by the store in the transaction that closes or
 * reopens it, so that partial indexes hold only the rows of open incidents. The flag only
 * narrows: the lists still filter on `incidents.phase`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incident_entities', table => {
    table.boolean('incident_closed').notNullable().defaultTo(false);
  });
  await knex('incident_entities')
    .whereIn(
      'incident_id',
      knex('incidents').select('id').where('phase', 'closed'),
    )
    .update({ incident_closed: true });
  await knex.schema.alterTable('incident_entities', table => {
    table.index(
      ['entity_ref', 'incident_id'],
      'incident_entities_open_entity_idx',
      {
        predicate: knex.whereRaw('not incident_closed'),
      },
    );
    table.index(
      ['owner_ref', 'incident_id'],
      'incident_entities_open_owner_idx',
      {
        predicate: knex.whereRaw('not incident_closed'),
      },
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incident_entities', table => {
    table.dropIndex([], 'incident_entities_open_entity_idx');
    table.dropIndex([], 'incident_entities_open_owner_idx');
    table.dropColumn('incident_closed');
  });
};
