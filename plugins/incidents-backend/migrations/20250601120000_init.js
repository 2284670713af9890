// @ts-check

/**
 * Firebreak incidents: the incident, the catalog entities it affects, its append-only
 * timeline, and the counter that hands out human numbers (INC-<n>).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incident_counters', table => {
    table.comment(
      'Named counters; the row is locked by the declaring transaction so that replicas sharing one database hand out distinct, gap-free numbers',
    );
    table.string('name', 64).primary().comment('Counter name, e.g. incident');
    table.integer('value').notNullable().comment('Last value handed out');
  });
  await knex('incident_counters').insert({ name: 'incident', value: 0 });

  await knex.schema.createTable('incidents', table => {
    table.comment('Declared incidents, one row each');
    table.uuid('id').primary().comment('Stable id of the incident');
    table
      .integer('number')
      .notNullable()
      .comment('Human number shown as INC-<number>, from incident_counters');
    table.string('title', 255).notNullable().comment('One-line title');
    table.text('summary').notNullable().comment('What is happening');
    table
      .text('customer_impact')
      .notNullable()
      .comment('Who is affected and how');
    table
      .string('severity', 8)
      .notNullable()
      .comment('SEV1 (most severe) to SEV4');
    table
      .string('phase', 32)
      .notNullable()
      .comment('Current phase of the lifecycle graph');
    table
      .text('regions')
      .notNullable()
      .comment('JSON array of affected regions');
    table
      .boolean('restricted')
      .notNullable()
      .defaultTo(false)
      .comment('Visible to responders only (e.g. security incidents)');
    table
      .string('source', 16)
      .notNullable()
      .comment('How it was declared: manual or alert');
    table
      .string('created_by', 255)
      .notNullable()
      .comment('Entity ref of the declaring user');
    table
      .timestamp('declared_at', { useTz: true })
      .notNullable()
      .comment('When it was declared; starts every SLA clock');
    table
      .timestamp('acknowledged_at', { useTz: true })
      .nullable()
      .comment('First acknowledgement (time-to-acknowledge SLA)');
    table
      .timestamp('mitigated_at', { useTz: true })
      .nullable()
      .comment('First mitigation (time-to-mitigation SLA)');
    table
      .timestamp('resolved_at', { useTz: true })
      .nullable()
      .comment('Service recovered (time-to-resolution SLA)');
    table
      .timestamp('closed_at', { useTz: true })
      .nullable()
      .comment('Incident closed');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('Last write of any kind');
    table
      .integer('version')
      .notNullable()
      .comment('Optimistic concurrency token, bumped by every field change');

    table.unique(['number'], { indexName: 'incidents_number_uq' });
    table.index(['phase'], 'incidents_phase_idx');
    table.index(['severity'], 'incidents_severity_idx');
  });

  await knex.schema.createTable('incident_entities', table => {
    table.comment('Catalog entities an incident affects');
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE')
      .comment('The incident');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Full entity ref, e.g. component:default/checkout');
    table
      .string('relation', 16)
      .notNullable()
      .comment(
        'affected (named at declaration) or downstream (depends on one)',
      );
    table
      .string('owner_ref', 255)
      .nullable()
      .comment('Owning group of the entity when it was attached');

    table.unique(['incident_id', 'entity_ref'], {
      indexName: 'incident_entities_incident_entity_uq',
    });
    table.index(['entity_ref'], 'incident_entities_entity_ref_idx');
  });

  await knex.schema.createTable('incident_timeline', table => {
    table.comment('Append-only timeline of every incident');
    table
      .bigIncrements('id')
      .comment('Insertion order; breaks ties of equal times');
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE')
      .comment('The incident');
    table
      .timestamp('at', { useTz: true })
      .notNullable()
      .comment('When it happened');
    table
      .string('actor', 255)
      .notNullable()
      .comment('Entity ref of the user (or the system) who did it');
    table
      .string('kind', 16)
      .notNullable()
      .comment('declared, update, transition, note, status, evidence, ...');
    table.text('body').notNullable().comment('Human-readable text');
    table
      .text('details')
      .notNullable()
      .comment('JSON object with structured data');

    table.index(
      ['incident_id', 'at', 'id'],
      'incident_timeline_incident_at_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('incident_timeline');
  await knex.schema.dropTable('incident_entities');
  await knex.schema.dropTable('incidents');
  await knex.schema.dropTable('incident_counters');
};
