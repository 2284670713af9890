// @ts-check

/**
 * Read paths at 100,000 incidents: an index for the filter and order of every list query,
 * case-insensitive lookups of the audience of restricted incidents, and a full-text index
 * over the title, summary and customer impact (PostgreSQL: a stored tsvector column with a GIN
 * index; SQLite: an FTS5 table kept in step by triggers). Both use the same tokens (words of
 * letters and digits, lower-cased, no stemming), so a search finds the same incidents on both.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const pg = knex.client.config.client === 'pg';

  // Lists are newest first (number desc) within a phase or severity; the number alone
  // (unique index) serves the unfiltered list. PostgreSQL keeps what the visibility check
  // reads in the phase index, so that the ids of a page come from the index alone.
  if (pg) {
    await knex.raw(
      'CREATE INDEX incidents_phase_number_idx ON incidents (phase, number) INCLUDE (id, restricted, created_by)',
    );
  } else {
    await knex.schema.alterTable('incidents', table => {
      table.index(['phase', 'number'], 'incidents_phase_number_idx');
    });
  }
  await knex.schema.alterTable('incidents', table => {
    table.index(['severity', 'number'], 'incidents_severity_number_idx');
  });
  await knex.schema.alterTable('incidents', table => {
    table.dropIndex([], 'incidents_phase_idx');
    table.dropIndex([], 'incidents_severity_idx');
  });
  // The few restricted incidents with what decides who sees them, for the set of incidents
  // hidden from a caller (read from the index alone).
  await knex.raw(
    'CREATE INDEX incidents_restricted_idx ON incidents (id, created_by) WHERE restricted',
  );

  // The entity filter is a semi-join: (entity_ref, incident_id) answers it from the index.
  await knex.schema.alterTable('incident_entities', table => {
    table.index(
      ['entity_ref', 'incident_id'],
      'incident_entities_entity_incident_idx',
    );
  });
  await knex.schema.alterTable('incident_entities', table => {
    table.dropIndex([], 'incident_entities_entity_ref_idx');
  });

  // An entity's active alerts and the unrouted inbox (entity_ref null), newest first.
  await knex.schema.alterTable('alerts', table => {
    table.index(
      ['entity_ref', 'status', 'starts_at'],
      'alerts_entity_status_starts_idx',
    );
  });

  // Visibility of restricted incidents compares refs case-insensitively.
  await knex.raw(
    'CREATE INDEX incident_roles_user_lower_idx ON incident_roles (lower(user_ref))',
  );
  await knex.raw(
    'CREATE INDEX incident_pages_user_lower_idx ON incident_pages (lower(target_user_ref))',
  );
  await knex.raw(
    'CREATE INDEX incident_pages_group_lower_idx ON incident_pages (lower(target_group_ref))',
  );

  if (pg) {
    await knex.raw(`
      ALTER TABLE incidents ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
          to_tsvector('simple', title || ' ' || summary || ' ' || customer_impact)
        ) STORED`);
    await knex.raw(
      "COMMENT ON COLUMN incidents.search_vector IS 'Words of title, summary and customer impact, for free-text search'",
    );
    await knex.raw(
      'CREATE INDEX incidents_search_idx ON incidents USING gin (search_vector)',
    );
    return;
  }

  await knex.raw(`
    CREATE VIRTUAL TABLE incidents_fts USING fts5(
      title, summary, customer_impact,
      content='incidents', tokenize='unicode61'
    )`);
  await knex.raw(`
    CREATE TRIGGER incidents_fts_insert AFTER INSERT ON incidents BEGIN
      INSERT INTO incidents_fts(rowid, title, summary, customer_impact)
        VALUES (new.rowid, new.title, new.summary, new.customer_impact);
    END`);
  await knex.raw(`
    CREATE TRIGGER incidents_fts_delete AFTER DELETE ON incidents BEGIN
      INSERT INTO incidents_fts(incidents_fts, rowid, title, summary, customer_impact)
        VALUES ('delete', old.rowid, old.title, old.summary, old.customer_impact);
    END`);
  await knex.raw(`
    CREATE TRIGGER incidents_fts_update
      AFTER UPDATE OF title, summary, customer_impact ON incidents BEGIN
      INSERT INTO incidents_fts(incidents_fts, rowid, title, summary, customer_impact)
        VALUES ('delete', old.rowid, old.title, old.summary, old.customer_impact);
      INSERT INTO incidents_fts(rowid, title, summary, customer_impact)
        VALUES (new.rowid, new.title, new.summary, new.customer_impact);
    END`);
  await knex.raw("INSERT INTO incidents_fts(incidents_fts) VALUES ('rebuild')");
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw('DROP INDEX incidents_search_idx');
    await knex.raw('ALTER TABLE incidents DROP COLUMN search_vector');
  } else {
    await knex.raw('DROP TRIGGER incidents_fts_update');
    await knex.raw('DROP TRIGGER incidents_fts_delete');
    await knex.raw('DROP TRIGGER incidents_fts_insert');
    await knex.raw('DROP TABLE incidents_fts');
  }
  await knex.schema.alterTable('alerts', table => {
    table.dropIndex([], 'alerts_entity_status_starts_idx');
  });
  await knex.raw('DROP INDEX incidents_restricted_idx');
  await knex.raw('DROP INDEX incident_pages_group_lower_idx');
  await knex.raw('DROP INDEX incident_pages_user_lower_idx');
  await knex.raw('DROP INDEX incident_roles_user_lower_idx');
  await knex.schema.alterTable('incident_entities', table => {
    table.index(['entity_ref'], 'incident_entities_entity_ref_idx');
    table.dropIndex([], 'incident_entities_entity_incident_idx');
  });
  await knex.schema.alterTable('incidents', table => {
    table.index(['phase'], 'incidents_phase_idx');
    table.index(['severity'], 'incidents_severity_idx');
    table.dropIndex([], 'incidents_severity_number_idx');
    table.dropIndex([], 'incidents_phase_number_idx');
  });
};
