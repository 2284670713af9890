// @ts-check

/**
 * A page follows its incident: it is resolved when the incident is resolved or closed, and
 * cancelled when its person stops being the incident commander. Either way it stops
 * escalating.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incident_pages', table => {
    table
      .timestamp('closed_at', { useTz: true })
      .nullable()
      .comment('When the page stopped needing an answer without one');
    table
      .string('closed_reason', 20)
      .nullable()
      .comment(
        'resolved (the incident was) or cancelled (no longer the commander)',
      );
    table.text('closed_note').nullable().comment('Why, in words');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incident_pages', table => {
    table.dropColumn('closed_at');
    table.dropColumn('closed_reason');
    table.dropColumn('closed_note');
  });
};
