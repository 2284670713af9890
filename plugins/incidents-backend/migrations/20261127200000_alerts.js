// @ts-check

/**
 * Alert ingestion: every alert received from Alertmanager or as an Events v2 event, the one
 * open incident per (entity, incident group) that replicas must agree on, and the history of
 * which alerts belonged to which incident.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('alerts', table => {
    table.comment(
      'Alerts received from monitoring, one row per alert (Alertmanager fingerprint or Events dedup key); repeats update the row',
    );
    table.uuid('id').primary().comment('Stable id of the alert');
    table.string('source', 16).notNullable().comment('alertmanager or events');
    table
      .string('scope', 64)
      .notNullable()
      .defaultTo('')
      .comment(
        "Namespace of dedup_key: '' for Alertmanager, the routing key id for events",
      );
    table
      .string('dedup_key', 255)
      .notNullable()
      .comment('Alertmanager fingerprint or Events dedup_key');
    table
      .text('group_key')
      .notNullable()
      .comment('Alertmanager group key, or the Events dedup_key');
    table
      .text('incident_group')
      .notNullable()
      .comment(
        'The group whose single open incident this alert joins (rule group, Alertmanager group or dedup key)',
      );
    table
      .string('incident_group_hash', 64)
      .notNullable()
      .comment('sha-256 hex of incident_group');
    table
      .string('status', 16)
      .notNullable()
      .comment('firing, acknowledged or resolved');
    table
      .string('name', 255)
      .notNullable()
      .comment('alertname, or Events class/source');
    table.text('summary').notNullable().comment('One-line summary');
    table.text('labels').notNullable().comment('JSON object of labels');
    table
      .text('annotations')
      .notNullable()
      .comment('JSON object of annotations');
    table
      .text('links')
      .notNullable()
      .comment('JSON array of {href, text}: source graph, runbook, dashboards');
    table
      .text('details')
      .notNullable()
      .comment('JSON object: Events custom_details and images, Grafana values');
    table
      .string('entity_ref', 255)
      .nullable()
      .comment('Catalog entity it is routed to; null: in the unrouted inbox');
    table
      .string('routed_by', 64)
      .nullable()
      .comment('label:<name>, selector, routing-key or manual');
    table
      .text('route_note')
      .nullable()
      .comment('Why it is unrouted, or how an ambiguity was settled');
    table
      .string('rule_severity', 8)
      .nullable()
      .comment('Severity the declaration rules give it; null: record only');
    table
      .text('rule_ids')
      .notNullable()
      .comment('JSON array of the matching declaration rule ids');
    table
      .text('rule_roles')
      .notNullable()
      .comment('JSON array of the roles the matching rules ask for');
    table
      .boolean('restricted')
      .notNullable()
      .defaultTo(false)
      .comment('Declares restricted incidents (security)');
    table
      .timestamp('starts_at', { useTz: true })
      .notNullable()
      .comment('Start of the current occurrence');
    table
      .timestamp('ends_at', { useTz: true })
      .nullable()
      .comment('When the current occurrence resolved');
    table.text('generator_url').nullable().comment('Link to the source graph');
    table
      .uuid('incident_id')
      .nullable()
      .references('id')
      .inTable('incidents')
      .onDelete('SET NULL')
      .comment('The incident it currently belongs to');
    table
      .string('actor', 255)
      .notNullable()
      .comment('Sender, e.g. alertmanager:default/firebreak');
    table
      .integer('occurrences')
      .notNullable()
      .comment('How many times it started firing');
    table
      .timestamp('received_at', { useTz: true })
      .notNullable()
      .comment('First received');
    table
      .timestamp('last_seen_at', { useTz: true })
      .notNullable()
      .comment('Last delivery that named it (repeats included)');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('Last change of status, content, routing or incident');
    table
      .string('content_hash', 40)
      .notNullable()
      .comment(
        'sha-1 of content, rule outcome and group: repeats are recognised without reading them back',
      );

    table.unique(['source', 'scope', 'dedup_key'], {
      indexName: 'alerts_source_scope_dedup_key_uq',
    });
    table.index(['entity_ref', 'starts_at'], 'alerts_entity_starts_idx');
    table.index(['incident_id', 'status'], 'alerts_incident_status_idx');
    table.index(
      ['entity_ref', 'incident_group_hash'],
      'alerts_entity_incident_group_idx',
    );
  });

  await knex.schema.createTable('alert_incident_groups', table => {
    table.comment(
      'The one open incident of each (entity, incident group). Its primary key is what stops two replicas from declaring twice: the first to insert the row (the claim) declares, the others append',
    );
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Catalog entity of the incident');
    table
      .string('group_hash', 64)
      .notNullable()
      .comment('sha-256 hex of incident_group');
    table.text('incident_group').notNullable().comment('Readable group key');
    table
      .uuid('incident_id')
      .nullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE')
      .comment('The incident; null while a replica is declaring it (claim)');
    table
      .string('claim_token', 64)
      .nullable()
      .comment('Token of the replica declaring it, while incident_id is null');
    table
      .timestamp('claimed_at', { useTz: true })
      .nullable()
      .comment(
        'Claim time, refreshed while declaring; a stale claim is taken over',
      );
    table
      .text('declaration')
      .nullable()
      .comment('JSON of what to declare, so that another replica can finish');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When the group first claimed an incident');

    table.primary(['entity_ref', 'group_hash'], 'alert_incident_groups_pk');
    table.index(['group_hash'], 'alert_incident_groups_hash_idx');
    table.index(['incident_id'], 'alert_incident_groups_incident_idx');
    table.index(['claimed_at'], 'alert_incident_groups_claimed_idx');
  });

  await knex.schema.createTable('incident_alerts', table => {
    table.comment(
      'Alerts that belonged to an incident and moved on to a later one (after the first closed): the closed incident keeps them as postmortem evidence. Current membership is alerts.incident_id',
    );
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE')
      .comment('The incident');
    table
      .uuid('alert_id')
      .notNullable()
      .references('id')
      .inTable('alerts')
      .onDelete('CASCADE')
      .comment('The alert');
    table
      .timestamp('moved_at', { useTz: true })
      .notNullable()
      .comment('When the alert left the incident for a later one');
    table.primary(['incident_id', 'alert_id'], 'incident_alerts_pk');
    table.index(['alert_id'], 'incident_alerts_alert_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('incident_alerts');
  await knex.schema.dropTable('alert_incident_groups');
  await knex.schema.dropTable('alerts');
};
