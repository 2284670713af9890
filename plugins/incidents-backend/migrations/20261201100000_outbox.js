// @ts-check

/**
 * The outbox: what a committed change causes outside the database (notifications, live-update
 * signals, events for other plugins), written in the same transaction as the change and
 * delivered afterwards, at least once, by whichever replica gets to it first.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incident_outbox', table => {
    table.comment(
      'Effects of committed incident changes, delivered at least once by the outbox worker',
    );
    table.bigIncrements('id').comment('Delivery order');
    table
      .string('key', 255)
      .notNullable()
      .unique()
      .comment('Idempotency key of the effect: writing it twice is a no-op');
    table
      .uuid('incident_id')
      .nullable()
      .comment('The incident the effect is about, when there is one');
    table
      .string('type', 40)
      .notNullable()
      .comment('Effect type: notify, signal, event, ...');
    table.text('payload').notNullable().comment('The effect as JSON');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When the change that caused it committed');
    table
      .timestamp('next_attempt_at', { useTz: true })
      .notNullable()
      .comment('Not delivered before this time (backoff after a failure)');
    table
      .timestamp('claimed_until', { useTz: true })
      .nullable()
      .comment('A worker is delivering it until then; after that, another may');
    table
      .integer('attempts')
      .notNullable()
      .defaultTo(0)
      .comment('Delivery attempts so far');
    table
      .timestamp('delivered_at', { useTz: true })
      .nullable()
      .comment('When it was delivered; null while pending');
    table.text('last_error').nullable().comment('Why the last attempt failed');
  });
  // The worker's query: pending effects that are due, oldest first.
  await knex.schema.alterTable('incident_outbox', table => {
    table.index(['next_attempt_at', 'id'], 'incident_outbox_pending_idx', {
      predicate: knex.whereNull('delivered_at'),
    });
    table.index(['delivered_at'], 'incident_outbox_delivered_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('incident_outbox');
};
