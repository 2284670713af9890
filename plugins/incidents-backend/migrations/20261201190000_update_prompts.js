// @ts-check

/**
 * The stakeholder-update prompt each open incident was last sent (the due time it was for):
 * the prompt job asks only for incidents whose update is due and not prompted yet, so a
 * reminder goes once per due time and the job's work is the prompts it sends, not every open
 * incident on every run.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incident_update_prompts', table => {
    table.comment(
      'The last stakeholder-update reminder sent per incident, by the due time it was for',
    );
    table
      .uuid('incident_id')
      .primary()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE')
      .comment('The incident');
    table
      .timestamp('due_at', { useTz: true })
      .notNullable()
      .comment('The due time of the update the reminder was for');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('incident_update_prompts');
};
