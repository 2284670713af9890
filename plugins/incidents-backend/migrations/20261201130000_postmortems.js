// @ts-check

/**
 * Phase 4 of the workflow: one postmortem per incident (the spec's nine sections, the review
 * flow, its due time and review meeting) and the incident's action items.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incident_postmortems', table => {
    table.comment(
      'Postmortem of an incident: sections (markdown), review status, due time, review meeting',
    );
    table.uuid('id').primary().comment('Stable id of the postmortem');
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE')
      .comment('The incident (one postmortem each)');
    table
      .integer('incident_number')
      .notNullable()
      .comment('Copy of incidents.number: the keyset order of the list');
    table
      .string('status', 20)
      .notNullable()
      .comment('draft, in_review or published');
    table
      .text('sections')
      .notNullable()
      .comment('JSON: section id -> markdown');
    table
      .text('section_versions')
      .notNullable()
      .comment('JSON: section id -> postmortem version that last changed it');
    table
      .text('facts')
      .notNullable()
      .comment('JSON: what the incident knew when the draft was written');
    table
      .boolean('required')
      .notNullable()
      .comment('Required by the workflow (SEV1, SEV2)');
    table
      .timestamp('due_at', { useTz: true })
      .nullable()
      .comment('When it must be published (required ones)');
    table
      .timestamp('resolved_at', { useTz: true })
      .nullable()
      .comment('Copy of the incident resolution time: the date-range filter');
    table
      .timestamp('overdue_notified_at', { useTz: true })
      .nullable()
      .comment('When the overdue notice for the current due time was written');
    table
      .timestamp('review_at', { useTz: true })
      .nullable()
      .comment('Review meeting time (SEV1, SEV2)');
    table
      .text('review_attendees')
      .nullable()
      .comment('JSON: entity refs invited to the review meeting');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).notNullable();
    table.timestamp('submitted_at', { useTz: true }).nullable();
    table.string('submitted_by', 255).nullable();
    table.timestamp('published_at', { useTz: true }).nullable();
    table.string('published_by', 255).nullable();
    table
      .integer('version')
      .notNullable()
      .comment('Optimistic concurrency token, bumped on every save');
    table.unique(['incident_id'], {
      indexName: 'incident_postmortems_incident_uq',
    });
    table.index(['incident_number'], 'incident_postmortems_number_idx');
    table.index(
      ['status', 'incident_number'],
      'incident_postmortems_status_number_idx',
    );
    // The overdue job and the overdue filter: unpublished ones by due time.
    table.index(['status', 'due_at'], 'incident_postmortems_status_due_idx');
    table.index(['resolved_at'], 'incident_postmortems_resolved_idx');
  });

  await knex.schema.createTable('incident_action_items', table => {
    table.comment(
      'Follow-up actions of an incident (postmortem section 7), tracked until resolved',
    );
    table.uuid('id').primary().comment('Stable id of the action item');
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE')
      .comment('The incident it follows up');
    table.string('priority', 2).notNullable().comment('P0, P1 or P2');
    table.text('title').notNullable().comment('The action');
    table
      .string('owner_ref', 255)
      .nullable()
      .comment('Owning team: group entity ref (lower case)');
    table
      .string('assignee_ref', 255)
      .nullable()
      .comment('Assignee: user entity ref (lower case)');
    table.timestamp('due_at', { useTz: true }).nullable();
    table
      .string('status', 20)
      .notNullable()
      .comment('open, in_progress, done or wont_do');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).notNullable();
    table
      .integer('version')
      .notNullable()
      .comment('Optimistic concurrency token, bumped on every change');
    table.index(
      ['incident_id', 'created_at'],
      'incident_action_items_incident_idx',
    );
    // Team cards and the weekly cadence: a team's open items by due time.
    table.index(
      ['owner_ref', 'status', 'due_at'],
      'incident_action_items_owner_idx',
    );
    table.index(['status', 'due_at'], 'incident_action_items_status_due_idx');
    table.index(['assignee_ref'], 'incident_action_items_assignee_idx');
  });

  // Team views (postmortems, incidents) find incidents by the owners of affected entities.
  await knex.schema.alterTable('incident_entities', table => {
    table.index(['owner_ref'], 'incident_entities_owner_ref_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incident_entities', table => {
    table.dropIndex(['owner_ref'], 'incident_entities_owner_ref_idx');
  });
  await knex.schema.dropTable('incident_action_items');
  await knex.schema.dropTable('incident_postmortems');
};
