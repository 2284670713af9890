// @ts-check

/**
 * The leadership insights count, for the incidents declared in a range, the incidents of
 * each owning team and the state of their action items. Both joined the range's incidents
 * (11,456 over twelve weeks at 100,000) to a sequential scan of all of incident_entities
 * (128,000 rows) and incident_action_items (200,000): about 100 ms each, growing with the
 * whole history rather than the range. Both tables now carry their incident's declaration
 * time (it never changes), so that an index yields the range's rows directly.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const table of ['incident_entities', 'incident_action_items']) {
    await knex.schema.alterTable(table, t => {
      t.timestamp('incident_declared_at', { useTz: true })
        .nullable()
        .comment("The incident's declaration time, for the insights' range");
    });
    if (knex.client.config.client === 'pg') {
      await knex.raw(
        `update ${table} r set incident_declared_at = i.declared_at
         from incidents i where i.id = r.incident_id`,
      );
    } else {
      await knex.raw(
        `update ${table} set incident_declared_at =
           (select declared_at from incidents i where i.id = ${table}.incident_id)`,
      );
    }
  }
  await knex.raw(`
    create index incident_entities_declared_owner_idx
    on incident_entities (incident_declared_at, owner_ref, incident_id)
    where relation = 'affected' and owner_ref is not null`);
  await knex.raw(`
    create index incident_action_items_declared_idx
    on incident_action_items (incident_declared_at, status, due_at)`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incident_entities', t => {
    t.dropIndex([], 'incident_entities_declared_owner_idx');
  });
  await knex.schema.alterTable('incident_action_items', t => {
    t.dropIndex([], 'incident_action_items_declared_idx');
  });
  for (const table of ['incident_entities', 'incident_action_items']) {
    await knex.schema.alterTable(table, t => {
      t.dropColumn('incident_declared_at');
    });
  }
};
