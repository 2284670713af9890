// @ts-check

/**
 * PostgreSQL hands out incident numbers from a sequence, so that concurrent declarations
 * (several replicas, an alert storm) no longer queue on one counter row for the whole
 * declaring transaction. Numbers stay unique and increasing; a declaration that fails after
 * taking its number leaves a gap. SQLite keeps `incident_counters` (one writer at a time,
 * gap-free).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  const row = await knex('incident_counters')
    .where({ name: 'incident' })
    .first('value');
  const last = Number(row?.value ?? 0);
  await knex.raw('create sequence if not exists incident_numbers');
  // is_called=false: the next nextval() answers exactly the first unused number.
  await knex.raw('select setval(?, ?, false)', ['incident_numbers', last + 1]);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  const result = await knex.raw(
    `select case when is_called then last_value else last_value - 1 end as last
       from incident_numbers`,
  );
  await knex('incident_counters')
    .where({ name: 'incident' })
    .update({ value: Number(result.rows[0].last) });
  await knex.raw('drop sequence if exists incident_numbers');
};
