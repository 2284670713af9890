// @ts-check

/**
 * The response around an incident: its flags (cost impact, data exposure) and SEV4 backlog
 * hand-over, who holds which role, the pages sent (and their acknowledgement and escalation),
 * and the state of its phase checklist.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incidents', table => {
    table
      .boolean('cost_impact')
      .notNullable()
      .defaultTo(false)
      .comment('The impact includes cost: the FinOps specialist joins');
    table
      .boolean('data_exposure')
      .notNullable()
      .defaultTo(false)
      .comment('The impact includes data exposure: the privacy officer joins');
    table
      .string('backlog_group_ref', 255)
      .nullable()
      .comment('SEV4: the owning group whose backlog tracks the incident');
    table
      .timestamp('backlog_assign_at', { useTz: true })
      .nullable()
      .comment('SEV4: when it goes to the group (next business-hours start)');
    table
      .timestamp('backlog_assigned_at', { useTz: true })
      .nullable()
      .comment('SEV4: when the group was told (null until then)');
  });

  await knex.schema.createTable('incident_roles', table => {
    table.comment(
      'Current holder of each response role of an incident; the history is on the timeline',
    );
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE')
      .comment('The incident');
    table
      .string('role', 40)
      .notNullable()
      .comment('Role id, e.g. incident-commander, qa-strategist');
    table
      .string('user_ref', 255)
      .notNullable()
      .comment('Entity ref of the user holding the role');
    table
      .timestamp('assigned_at', { useTz: true })
      .notNullable()
      .comment('When the current holder got the role');
    table
      .string('assigned_by', 255)
      .notNullable()
      .comment('Entity ref of who assigned it (or the system)');
    table.text('note').nullable().comment('Why, or the handoff notes');
    table
      .integer('version')
      .notNullable()
      .comment('Concurrency token of the role, bumped on every change');
    // One holder per role and incident, whatever the number of replicas.
    table.primary(['incident_id', 'role']);
    table.index(['user_ref', 'role'], 'incident_roles_user_role_idx');
  });

  await knex.schema.createTable('incident_pages', table => {
    table.comment(
      'Pages sent for incidents: who paged whom, when, why, acknowledgement and escalation',
    );
    table.uuid('id').primary().comment('Stable id of the page');
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE')
      .comment('The incident');
    table
      .string('target_group_ref', 255)
      .nullable()
      .comment('Group paged, or on whose behalf the user is paged');
    table
      .string('target_user_ref', 255)
      .nullable()
      .comment('User paged; null for a page to the whole group');
    table
      .string('paged_by', 255)
      .notNullable()
      .comment('Entity ref of who paged (or the system)');
    table.text('reason').notNullable().comment('Why');
    table
      .timestamp('sent_at', { useTz: true })
      .notNullable()
      .comment('When the page was sent');
    table
      .timestamp('ack_due_at', { useTz: true })
      .notNullable()
      .comment('Escalates when not acknowledged by then');
    table
      .timestamp('ack_at', { useTz: true })
      .nullable()
      .comment('When it was acknowledged');
    table.string('acked_by', 255).nullable().comment('Who acknowledged it');
    table
      .integer('escalation_level')
      .notNullable()
      .defaultTo(0)
      .comment('0 first page, 1 next on-call, 2 group lead');
    table
      .timestamp('escalated_at', { useTz: true })
      .nullable()
      .comment('When escalation handled it; set once, by one replica');
    table
      .string('escalated_to', 255)
      .nullable()
      .comment('Who it escalated to; null when escalation stopped');
    table
      .text('escalation_note')
      .nullable()
      .comment('What escalation did, or why it stopped');
    table
      .uuid('parent_page_id')
      .nullable()
      .comment('The page this one escalates');

    table.index(['incident_id', 'sent_at'], 'incident_pages_incident_idx');
    table.index(['target_user_ref'], 'incident_pages_target_user_idx');
    table.index(['target_group_ref'], 'incident_pages_target_group_idx');
    table.index(
      ['ack_at', 'escalated_at', 'ack_due_at'],
      'incident_pages_due_idx',
    );
  });

  await knex.schema.createTable('incident_checklist', table => {
    table.comment(
      'State of the phase checklist items of an incident (items are defined in code)',
    );
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE')
      .comment('The incident');
    table
      .string('item_id', 64)
      .notNullable()
      .comment('Checklist item id, e.g. validate-in-staging');
    table
      .string('assignee_ref', 255)
      .nullable()
      .comment('User assigned to the item');
    table
      .boolean('done')
      .notNullable()
      .defaultTo(false)
      .comment('Whether it is done');
    table
      .timestamp('done_at', { useTz: true })
      .nullable()
      .comment('When it was checked');
    table.string('done_by', 255).nullable().comment('Who checked it');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('Last change');
    table
      .string('updated_by', 255)
      .notNullable()
      .comment('Who made the last change');
    table
      .integer('version')
      .notNullable()
      .comment('Concurrency token of the item');
    table.primary(['incident_id', 'item_id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('incident_checklist');
  await knex.schema.dropTable('incident_pages');
  await knex.schema.dropTable('incident_roles');
  await knex.schema.alterTable('incidents', table => {
    table.dropColumn('backlog_assigned_at');
    table.dropColumn('backlog_assign_at');
    table.dropColumn('backlog_group_ref');
    table.dropColumn('data_exposure');
    table.dropColumn('cost_impact');
  });
};
