// @ts-check

/**
 * SLA clocks with their breach records, stakeholder communication (duties and updates), and
 * the public status page's email subscribers.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incidents', table => {
    table
      .timestamp('sla_due_at', { useTz: true })
      .nullable()
      .comment(
        'Earliest due time of a running SLA clock (overdue included); null once all stopped. Orders lists by breaching soonest',
      );
    table.index(['sla_due_at', 'number'], 'incidents_sla_due_idx');
  });

  await knex.schema.createTable('incident_sla', table => {
    table.comment(
      'One row per incident and SLA clock (acknowledge, mitigate, resolve): due time, warning, and the breach record, recorded once',
    );
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE')
      .comment('The incident');
    table
      .string('milestone', 16)
      .notNullable()
      .comment('acknowledge, mitigate or resolve');
    table
      .timestamp('due_at', { useTz: true })
      .notNullable()
      .comment(
        'When the clock runs out (moves with the severity while running)',
      );
    table
      .timestamp('warn_at', { useTz: true })
      .notNullable()
      .comment('When the about-to-breach warning is due');
    table
      .timestamp('warned_at', { useTz: true })
      .nullable()
      .comment('When the warning was sent (once)');
    table
      .timestamp('met_at', { useTz: true })
      .nullable()
      .comment('When the milestone was reached');
    table
      .timestamp('breached_at', { useTz: true })
      .nullable()
      .comment('When the breach was recorded (once); null when not breached');
    table.primary(['incident_id', 'milestone'], 'incident_sla_pk');
    table.index(['due_at'], 'incident_sla_running_due_idx', {
      predicate: knex.whereNull('met_at').whereNull('breached_at'),
    });
    table.index(['warn_at'], 'incident_sla_unwarned_idx', {
      predicate: knex
        .whereNull('warned_at')
        .whereNull('met_at')
        .whereNull('breached_at'),
    });
  });

  await knex.schema.createTable('incident_comms_duties', table => {
    table.comment(
      'Communication checklist of each incident: the duties of its severity (executive notification, status page, customer notice, internal tracking)',
    );
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE')
      .comment('The incident');
    table.string('duty_id', 64).notNullable().comment('Stable duty id');
    table.string('title', 255).notNullable().comment("The spec's wording");
    table
      .string('audience', 16)
      .notNullable()
      .comment('The audience whose update does the duty');
    table.boolean('optional').notNullable().comment('Nice to have');
    table
      .string('severity', 8)
      .notNullable()
      .comment('The severity that brought the duty');
    table
      .timestamp('due_at', { useTz: true })
      .notNullable()
      .comment(
        'Due time: response time after declaration, or the severity raise',
      );
    table.timestamp('done_at', { useTz: true }).nullable().comment('Done at');
    table.string('done_by', 255).nullable().comment('Who posted the update');
    table.uuid('update_id').nullable().comment('The update that did it');
    table
      .boolean('retired')
      .notNullable()
      .defaultTo(false)
      .comment('Done, then no longer asked for by a lower severity');
    table.primary(['incident_id', 'duty_id'], 'incident_comms_duties_pk');
  });

  await knex.schema.createTable('incident_comms_updates', table => {
    table.comment(
      'Stakeholder updates posted from the incident page; status-page ones are what the public status page shows',
    );
    table.uuid('id').primary().comment('Stable id of the update');
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE')
      .comment('The incident');
    table
      .string('audience', 16)
      .notNullable()
      .comment('internal, executive, status-page or customers');
    table.string('title', 255).nullable().comment('Headline');
    table.text('body').notNullable().comment('The text sent');
    table
      .string('author', 255)
      .notNullable()
      .comment('Entity ref of the author');
    table
      .timestamp('posted_at', { useTz: true })
      .notNullable()
      .comment('When it was posted');
    table
      .string('public_incident_id', 64)
      .nullable()
      .comment('Status page updates: opaque public id of the incident');
    table
      .text('components')
      .nullable()
      .comment(
        'Status page updates: JSON array of {id, title} of the public components affected',
      );
    table.index(['incident_id', 'posted_at'], 'incident_comms_updates_idx');
    table.index(
      ['audience', 'posted_at'],
      'incident_comms_updates_audience_idx',
    );
  });

  await knex.schema.createTable('status_page_subscribers', table => {
    table.comment(
      'Email subscribers of the public status page, confirmed by link',
    );
    table.uuid('id').primary().comment('Stable id');
    table
      .string('email', 320)
      .notNullable()
      .comment('Lower-cased email address');
    table
      .string('token', 64)
      .notNullable()
      .comment(
        'Random token of the confirm and unsubscribe links (manages this subscription only)',
      );
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('Subscribed at');
    table
      .timestamp('confirmed_at', { useTz: true })
      .nullable()
      .comment('Confirmed at; only confirmed subscribers get updates');
    table.unique(['email'], { indexName: 'status_page_subscribers_email_uq' });
    table.unique(['token'], {
      indexName: 'status_page_subscribers_token_uq',
    });
    table.index(['confirmed_at'], 'status_page_subscribers_confirmed_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('status_page_subscribers');
  await knex.schema.dropTable('incident_comms_updates');
  await knex.schema.dropTable('incident_comms_duties');
  await knex.schema.dropTable('incident_sla');
  // Plain SQL on both databases: knex would rebuild the SQLite table to drop a column, and
  // lose the full-text triggers of the read-paths migration on the way.
  await knex.raw('DROP INDEX incidents_sla_due_idx');
  await knex.raw('ALTER TABLE incidents DROP COLUMN sla_due_at');
};
