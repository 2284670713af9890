// @ts-check

/**
 * The Incidents tab lists an entity's open incidents most severe first. On a service that
 * many others depend on that is hundreds of open incidents (894 on checkout at 100,000),
 * which the database had to fetch and sort for every view of the tab. incident_entities now
 * carries its incident's severity and number, kept by the store in the transactions that
 * change them, so that a partial index of open incidents' rows in that order yields the
 * page directly: the first 26 rows, not all of them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incident_entities', table => {
    table
      .string('incident_severity', 8)
      .nullable()
      .comment(
        "The incident's severity (kept with it), for the open-list order",
      );
    table
      .integer('incident_number')
      .nullable()
      .comment("The incident's number, for the open-list order");
  });
  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      update incident_entities e
      set incident_severity = i.severity, incident_number = i.number
      from incidents i where i.id = e.incident_id`);
  } else {
    await knex.raw(`
      update incident_entities set
        incident_severity = (select severity from incidents i where i.id = incident_entities.incident_id),
        incident_number = (select number from incidents i where i.id = incident_entities.incident_id)`);
  }
  await knex.raw(`
    create index incident_entities_open_severity_idx
    on incident_entities (entity_ref, incident_severity, incident_number desc)
    where not incident_closed`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incident_entities', table => {
    table.dropIndex([], 'incident_entities_open_severity_idx');
  });
  await knex.schema.alterTable('incident_entities', table => {
    table.dropColumn('incident_severity');
    table.dropColumn('incident_number');
  });
};
