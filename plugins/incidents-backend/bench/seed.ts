// Seeds the large benchmark dataset into a PostgreSQL database with bulk SQL
// (generate_series, one statement per table): 100,000 incidents over the demo org's entities
// (examples/), about 2% open, two years of declarations, 2,000,000 timeline entries, roles,
// pages, alerts, postmortems and 200,000 action items. Run: yarn bench:seed [--fresh]
// (env: BENCH_PG, BENCH_DB).
//
// The data is in the steady state of a backend that has run all along: pages acknowledged,
// overdue postmortems already reminded, the open incidents' SLA clocks evaluated. A backend
// started on it has no backlog of breaches, escalations or notices to work off while the
// bench measures.
//
// Every table is one entry of seedSteps(); a step whose table does not exist (yet) is skipped
// and reported, so a feature adds its data with one entry.
import { OPEN_PHASES } from '@firebreak/plugin-incidents-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { IncidentRow, incidentFromRow } from '../src/database/rows';
import { resolvePolicy } from '../src/domain/policy';
import { DEFAULT_SLA_SETTINGS, planSla } from '../src/domain/sla';
import { DEFAULT_UPDATE_CADENCE } from '../src/domain/communication';

const here = __dirname;
const repo = resolve(here, '../../..');
export const BENCH_PG =
  process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
export const BENCH_DB = process.env.BENCH_DB ?? 'firebreak_bench_incidents';
if (!/^firebreak_bench/.test(BENCH_DB)) {
  throw new Error(`BENCH_DB must start with firebreak_bench, got ${BENCH_DB}`);
}

export const SCALE = {
  incidents: Number(process.env.BENCH_INCIDENTS ?? 100_000),
  timeline: Number(process.env.BENCH_TIMELINE ?? 2_000_000),
  actionItems: 200_000,
  /** The incident with a long timeline (frontend and timeline paging). */
  longTimelineNumber: 99_950,
  longTimelineEntries: 5_000,
};

/** Components, APIs, resources and systems of examples/systems.yaml, with their owners. */
export function demoEntities() {
  const text = readFileSync(resolve(repo, 'examples/systems.yaml'), 'utf8');
  const entities: { ref: string; owner: string | null }[] = [];
  for (const doc of text.split(/^---$/m)) {
    const kind = /^kind:\s*(\S+)/m.exec(doc)?.[1];
    const name = /^\s{2}name:\s*(\S+)/m.exec(doc)?.[1];
    const owner = /^\s{2}owner:\s*(\S+)/m.exec(doc)?.[1];
    if (
      kind &&
      name &&
      ['Component', 'API', 'Resource', 'System'].includes(kind)
    ) {
      entities.push({
        ref: `${kind.toLowerCase()}:default/${name}`,
        owner: owner ? `group:default/${owner.replace(/^group:/, '')}` : null,
      });
    }
  }
  return entities;
}

function demoUsers() {
  const text = readFileSync(resolve(repo, 'examples/org.yaml'), 'utf8');
  return text
    .split(/^---$/m)
    .filter(doc => /^kind:\s*User/m.test(doc))
    .map(doc => `user:default/${/^\s{2}name:\s*(\S+)/m.exec(doc)![1]}`);
}

// checkout takes 11.6% of the incidents (as in the measurement), the others share the rest.
const HOT_ENTITY = 'component:default/checkout';
const HOT_SHARE = 116; // per mille

const TITLES = [
  'Elevated error rate on {e}',
  'Latency spike on {e}',
  'Timeouts calling {e}',
  '{e} degraded in {r}',
  '{e} outage',
  'Memory leak in {e}',
  'Disk almost full on {e}',
  'Certificate expiry on {e}',
  'Failed deploy of {e}',
  'Cache stampede on {e}',
  'Connection pool exhaustion in {e}',
  'Replication lag on {e}',
  'Queue backlog growing for {e}',
  'Spike of 5xx from {e}',
  'Slow queries on {e}',
  'DNS resolution failures for {e}',
  'Rate limiting hits {e}',
  'Config drift on {e}',
  'Third-party dependency down for {e}',
  'Payment declines through {e}',
];
const SUMMARIES = [
  'Requests fail intermittently; retries mostly succeed.',
  'p95 latency above objective since the last release.',
  'Health checks flapping across pods.',
  'Errors correlate with a traffic peak.',
  'A dependency returns malformed responses.',
  'Nodes restarted by the orchestrator under memory pressure.',
  'Alert fired on the burn rate of the error budget.',
  'Customers report failures in the support channel.',
];
const IMPACTS = [
  'Some customers cannot complete checkout.',
  'Pages load slowly for a share of users.',
  'No visible customer impact yet.',
  'Internal tooling affected only.',
  'Orders delayed; no data loss.',
];
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2'];
const TIMELINE_KINDS = [
  'note',
  'update',
  'status',
  'role',
  'page',
  'alert',
  'comms',
];

/** A stable pseudo-random value in [0, m) for integer expression `n`. */
const rnd = (n: string, m: number, salt = 0) =>
  `((hashint4(((${n}) * 31 + ${salt})::int4)::int8 + 2147483648) % ${m})`;

/**
 * The steps: table, and the SQL (with $1.. parameters from `params`). Each runs once, in
 * order; `needs` names the table that must exist.
 */
/** One table's data: `sql` with $1.. parameters, run when table `needs` exists. */
export interface SeedStep {
  name: string;
  needs: string;
  params: unknown[];
  sql: string | null;
}

export function seedSteps(): SeedStep[] {
  const entities = demoEntities();
  const others = entities.filter(e => e.ref !== HOT_ENTITY);
  const hot = entities.find(e => e.ref === HOT_ENTITY)!;
  const users = demoUsers().filter(u => u !== 'user:default/guest');
  const n = SCALE.incidents;
  const entityIndex = `case when ${rnd(
    'i.number',
    1000,
    1,
  )} < ${HOT_SHARE} then 0 else 1 + ${rnd('i.number', others.length, 2)} end`;
  const refs = [hot.ref, ...others.map(e => e.ref)];
  const owners = [hot.owner, ...others.map(e => e.owner)];
  return [
    {
      name: 'incidents',
      needs: 'incidents',
      params: [
        TITLES,
        SUMMARIES,
        IMPACTS,
        REGIONS,
        OPEN_PHASES,
        users,
        refs.map(r => r.split('/')[1]),
      ],
      sql: `
        insert into incidents (id, number, title, summary, customer_impact, severity, phase,
          regions, restricted, source, created_by, declared_at, acknowledged_at, mitigated_at,
          resolved_at, closed_at, updated_at, version, cost_impact, data_exposure)
        select md5('incident-' || i.number)::uuid, i.number,
          replace(replace(($1::text[])[1 + ${rnd(
            'i.number',
            TITLES.length,
            3,
          )}], '{e}', ($7::text[])[1 + e.idx]),
            '{r}', ($4::text[])[1 + ${rnd('i.number', 3, 4)}]),
          ($2::text[])[1 + ${rnd('i.number', SUMMARIES.length, 5)}],
          ($3::text[])[1 + ${rnd('i.number', IMPACTS.length, 6)}],
          (array['SEV1','SEV2','SEV2','SEV2','SEV3','SEV3','SEV3','SEV3','SEV3','SEV3','SEV3','SEV3',
                 'SEV4','SEV4','SEV4','SEV4','SEV4','SEV4','SEV4','SEV4'])[1 + ${rnd(
                   'i.number',
                   20,
                   7,
                 )}],
          case when o.open then ($5::text[])[1 + ${rnd(
            'i.number',
            OPEN_PHASES.length,
            8,
          )}] else 'closed' end,
          json_build_array(($4::text[])[1 + ${rnd('i.number', 3, 4)}])::text,
          ${rnd('i.number', 100, 9)} = 0,
          case when ${rnd(
            'i.number',
            10,
            10,
          )} < 3 then 'alert' else 'manual' end,
          ($6::text[])[1 + ${rnd('i.number', users.length, 11)}],
          d.at, d.at + interval '4 minutes', d.at + interval '40 minutes',
          case when o.open then null else d.at + interval '3 hours' end,
          case when o.open then null else d.at + interval '5 days' end,
          d.at + interval '5 days', 3,
          ${rnd('i.number', 50, 12)} = 0, ${rnd('i.number', 200, 13)} = 0
        from generate_series(1, ${n}) as i(number)
        cross join lateral (select ${entityIndex} as idx) e
        cross join lateral (select i.number % 50 = 7 as open) o
        cross join lateral (select now() - interval '730 days' * (1 - i.number::float8 / ${n}) as at) d`,
    },
    {
      name: 'incident entities',
      needs: 'incident_entities',
      params: [refs, owners],
      sql: `
        insert into incident_entities (incident_id, entity_ref, relation, owner_ref, incident_closed,
          incident_severity, incident_number, incident_declared_at)
        select i.id, ($1::text[])[1 + x.idx], x.relation, ($2::text[])[1 + x.idx], i.phase = 'closed',
          i.severity, i.number, i.declared_at
        from incidents i
        cross join lateral (
          select ${entityIndex} as idx, 'affected' as relation
          union all
          select 1 + ${rnd('i.number', others.length, 14)}, 'downstream'
          where i.number % 4 = 0
        ) x
        on conflict do nothing`,
    },
    {
      name: 'timeline',
      needs: 'incident_timeline',
      params: [TIMELINE_KINDS, users],
      // 5..35 entries per incident (mean 20); the first is the declaration.
      sql: `
        insert into incident_timeline (incident_id, at, actor, kind, body, details)
        select i.id, i.declared_at + interval '3 minutes' * k,
          ($2::text[])[1 + ${rnd('i.number + k', users.length, 15)}],
          case when k = 0 then 'declared' else ($1::text[])[1 + ${rnd(
            'i.number + k',
            TIMELINE_KINDS.length,
            16,
          )}] end,
          case when k = 0 then 'Declared ' || i.severity else 'Entry ' || k || ' of INC-' || i.number end,
          '{}'
        from incidents i
        cross join lateral generate_series(0, 4 + ${rnd('i.number', 31, 17)}) k
        where i.number <= ${n}`,
    },
    {
      name: 'long timeline',
      needs: 'incident_timeline',
      params: [],
      sql: `
        insert into incident_timeline (incident_id, at, actor, kind, body, details)
        select i.id, i.declared_at + interval '1 second' * k, 'user:default/alice', 'note',
          'Long-running note ' || k, '{}'
        from incidents i cross join generate_series(1, ${SCALE.longTimelineEntries}) k
        where i.number = ${SCALE.longTimelineNumber}`,
    },
    {
      name: 'roles',
      needs: 'incident_roles',
      params: [users],
      sql: `
        insert into incident_roles (incident_id, role, user_ref, assigned_at, assigned_by, note, version,
          incident_number, incident_severity, incident_restricted, incident_closed)
        select i.id, r.role, ($1::text[])[1 + ${rnd(
          'i.number',
          users.length,
          18,
        )} ], i.declared_at,
          'user:default/system', null, 1, i.number, i.severity, i.restricted, i.phase = 'closed'
        from incidents i
        cross join lateral (
          select 'incident-commander' as role where i.severity <> 'SEV4'
          union all select 'observability-incident-lead' where i.severity = 'SEV1'
          union all select 'customer-success-lead' where i.severity in ('SEV1', 'SEV2')
        ) r`,
    },
    {
      name: 'pages',
      needs: 'incident_pages',
      params: [users, owners.filter(Boolean)],
      sql: `
        insert into incident_pages (id, incident_id, target_group_ref, target_user_ref, paged_by,
          reason, sent_at, ack_due_at, ack_at, acked_by, escalation_level)
        select md5('page-' || i.number || '-' || p)::uuid, i.id,
          ($2::text[])[1 + ${rnd(
            'i.number',
            owners.filter(Boolean).length,
            19,
          )}],
          ($1::text[])[1 + ${rnd(
            'i.number + p',
            users.length,
            20,
          )}], 'user:default/system',
          'On call for the affected service', i.declared_at, i.declared_at + interval '5 minutes',
          i.declared_at + interval '2 minutes',
          ($1::text[])[1 + ${rnd('i.number + p', users.length, 20)}], 0
        from incidents i cross join generate_series(1, 2) p
        where i.severity in ('SEV1', 'SEV2') and (p = 1 or i.severity = 'SEV1')`,
    },
    {
      name: 'alerts',
      needs: 'alerts',
      params: [],
      // One alert per alert-declared incident, plus 20,000 unrouted, mostly resolved.
      sql: `
        insert into alerts (id, source, scope, dedup_key, group_key, incident_group,
          incident_group_hash, status, name, summary, labels, annotations, links, details,
          entity_ref, routed_by, route_note, rule_severity, rule_ids, rule_roles, restricted,
          starts_at, ends_at, generator_url, incident_id, actor, occurrences, received_at,
          last_seen_at, updated_at, content_hash)
        select md5('alert-' || a.k)::uuid, 'alertmanager', '', md5('fp-' || a.k),
          '{}/{}:{alertname="' || a.name || '"}', a.name, md5(a.name), a.status, a.name,
          a.name || ' firing', '{}', '{}', '[]', '{}', a.entity_ref,
          case when a.entity_ref is null then null else 'label:service' end, null, null,
          '[]', '[]', false, a.at, case when a.status = 'resolved' then a.at + interval '1 hour' end,
          null, a.incident_id, 'alertmanager:default/firebreak', 1, a.at, a.at, a.at, md5('c' || a.k)
        from (
          select 'i' || i.number as k, 'FirebreakErrorRateCritical' as name,
            case when i.phase = 'closed' then 'resolved' else 'firing' end as status,
            e.entity_ref, i.id as incident_id, i.declared_at as at
          from incidents i
          join incident_entities e on e.incident_id = i.id and e.relation = 'affected'
          where i.source = 'alert'
          union all
          select 'u' || g, 'FirebreakUnrouted' || (g % 40),
            case when g % 20 = 0 then 'firing' else 'resolved' end, null, null,
            now() - interval '1 minute' * g
          from generate_series(1, 20000) g
        ) a`,
    },
    {
      // SEV1 and SEV2 need one (published for closed incidents, a draft while open); every
      // 20th SEV3 has one on demand. Sections are short markdown, as the list shows them.
      name: 'postmortems',
      needs: 'incident_postmortems',
      params: [users],
      sql: `
        insert into incident_postmortems (id, incident_id, incident_number, status, sections,
          section_versions, facts, required, due_at, resolved_at, overdue_notified_at,
          review_at, review_attendees, created_at, created_by, updated_at, updated_by,
          submitted_at, submitted_by, published_at, published_by, version)
        select md5('postmortem-' || i.number)::uuid, i.id, i.number,
          case when i.phase = 'closed' then 'published' else 'draft' end,
          json_build_object('summary', 'Incident summary of INC-' || i.number,
            'rootCause', '**What Happened:** ' || i.title)::text,
          '{}', '{}', i.severity in ('SEV1', 'SEV2'),
          case when i.resolved_at is null then null
               when i.severity = 'SEV1' then i.resolved_at + interval '48 hours'
               else i.resolved_at + interval '7 days' end,
          i.resolved_at,
          case when i.phase <> 'closed' and i.resolved_at is not null then
            case when i.severity = 'SEV1' then i.resolved_at + interval '48 hours'
                 else i.resolved_at + interval '7 days' end end,
          null, null,
          coalesce(i.resolved_at, i.declared_at), a.by, coalesce(i.closed_at, i.declared_at), a.by,
          case when i.phase = 'closed' then i.closed_at - interval '1 day' end,
          case when i.phase = 'closed' then a.by end,
          case when i.phase = 'closed' then i.closed_at - interval '1 hour' end,
          case when i.phase = 'closed' then a.by end, 3
        from incidents i
        cross join lateral (select ($1::text[])[1 + ${rnd(
          'i.number',
          users.length,
          21,
        )}] as by) a
        where i.severity in ('SEV1', 'SEV2') or (i.severity = 'SEV3' and i.number % 20 = 0)`,
    },
    {
      // 200,000 items (SCALE.actionItems): two per incident over the first half of the numbers, owned
      // by the affected entity's team; the open ones of closed incidents partly overdue.
      name: 'action items',
      needs: 'incident_action_items',
      params: [
        users,
        ['P0', 'P1', 'P2'],
        ['open', 'in_progress', 'done', 'wont_do'],
      ],
      sql: `
        insert into incident_action_items (id, incident_id, incident_declared_at, priority, title,
          owner_ref, assignee_ref, due_at, status, created_at, created_by, updated_at, updated_by,
          version)
        select md5('action-' || i.number || '-' || k)::uuid, i.id, i.declared_at,
          ($2::text[])[1 + ${rnd('i.number + k', 3, 22)}],
          'Follow-up ' || k || ' of INC-' || i.number, e.owner_ref,
          case when ${rnd('i.number + k', 3, 23)} = 0 then null
               else ($1::text[])[1 + ${rnd(
                 'i.number + k',
                 users.length,
                 24,
               )}] end,
          i.declared_at + interval '14 days',
          case when i.phase <> 'closed' then 'open'
               else ($3::text[])[1 + ${rnd('i.number + k', 4, 25)}] end,
          i.declared_at + interval '1 day', 'user:default/system',
          i.declared_at + interval '2 days', 'user:default/system', 1
        from incidents i
        join incident_entities e on e.incident_id = i.id and e.relation = 'affected'
        cross join generate_series(1, 2) k
        where i.number <= ${SCALE.actionItems / 2}`,
    },
    {
      // Each open, unresolved SEV1/SEV2 incident was reminded of its stakeholder update when
      // it came due (no update has been posted since), at the default cadence; due times are
      // whole milliseconds, as the prompt job records them.
      name: 'update prompts',
      needs: 'incident_update_prompts',
      params: [],
      sql: `
        insert into incident_update_prompts (incident_id, due_at)
        select i.id, date_trunc('milliseconds', i.declared_at + interval '1 minute' *
          case i.severity when 'SEV1' then ${DEFAULT_UPDATE_CADENCE.SEV1}
                          else ${DEFAULT_UPDATE_CADENCE.SEV2} end)
        from incidents i
        where i.phase <> 'closed' and i.resolved_at is null and i.severity in ('SEV1', 'SEV2')`,
    },
    {
      name: 'counter',
      needs: 'incident_counters',
      params: [],
      sql: `update incident_counters set value = (select coalesce(max(number), 0) from incidents)
            where name = 'incident'`,
    },
    {
      name: 'incident numbers',
      needs: 'incident_numbers',
      params: [],
      sql: `select setval('incident_numbers', (select coalesce(max(number), 0) + 1 from incidents), false)`,
    },
  ];
}

/**
 * The SLA clocks of the open incidents as the breach job leaves them (evaluated now: met,
 * breached or warned, with the incidents' next due time), so that a freshly seeded backend
 * is in the steady state of one that has run for two years: its jobs have nothing to catch
 * up on while the bench measures. Closed incidents have no running clock to evaluate.
 */
async function seedSlaClocks(db: Knex) {
  const started = Date.now();
  const policy = resolvePolicy();
  const now = new Date();
  const rows: IncidentRow[] = await db('incidents')
    .whereIn('phase', OPEN_PHASES)
    .select('*');
  const clocks: Record<string, unknown>[] = [];
  const due: { id: string; at: string | undefined }[] = [];
  for (const row of rows) {
    const incident = incidentFromRow(row, []);
    const level = policy.severities.find(l => l.id === incident.severity);
    if (!level) continue;
    const plan = planSla({
      incident,
      records: [],
      level,
      settings: DEFAULT_SLA_SETTINGS,
      now,
    });
    for (const r of plan.records) {
      clocks.push({
        incident_id: incident.id,
        milestone: r.milestone,
        due_at: r.dueAt,
        warn_at: r.warnAt,
        warned_at: r.warnedAt ?? null,
        met_at: r.metAt ?? null,
        breached_at: r.breachedAt ?? null,
      });
    }
    due.push({ id: incident.id, at: plan.nextDueAt });
  }
  for (let i = 0; i < clocks.length; i += 1000) {
    await db('incident_sla').insert(clocks.slice(i, i + 1000));
  }
  await db.raw(
    `update incidents set sla_due_at = d.at::timestamptz
     from jsonb_to_recordset(?::jsonb) as d(id uuid, at text)
     where incidents.id = d.id`,
    [JSON.stringify(due.filter(d => d.at))],
  );
  console.log(
    `seed: SLA clocks of ${rows.length} open incidents: ${
      clocks.length
    } rows in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function adminQuery(sql: string) {
  const admin = knexFactory({
    client: 'pg',
    connection: `${BENCH_PG}/postgres`,
  });
  try {
    return await admin.raw(sql);
  } finally {
    await admin.destroy();
  }
}

/** A knex client on the bench database, migrated to the plugin's latest schema. */
export async function benchClient() {
  const exists = await adminQuery(
    `select 1 from pg_database where datname = '${BENCH_DB}'`,
  );
  if (exists.rows.length === 0) {
    await adminQuery(`create database "${BENCH_DB}"`);
  }
  const db = knexFactory({
    client: 'pg',
    connection: `${BENCH_PG}/${BENCH_DB}`,
    pool: { min: 1, max: 4 },
  });
  await db.migrate.latest({ directory: resolve(here, '../migrations') });
  return db;
}

export async function seed({ fresh = false } = {}) {
  if (fresh) {
    await adminQuery(`drop database if exists "${BENCH_DB}" with (force)`);
  }
  const db = await benchClient();
  // The driver's own connection: the steps use $1.. parameters, several times each.
  const sql = await db.client.acquireConnection();
  try {
    const { rows } = await db.raw('select count(*)::int as n from incidents');
    if (rows[0].n >= SCALE.incidents) {
      console.log(`seed: ${BENCH_DB} already holds ${rows[0].n} incidents`);
      return;
    }
    if (rows[0].n > 0) {
      throw new Error(`${BENCH_DB} is partly seeded; run with --fresh`);
    }
    for (const step of seedSteps()) {
      const started = Date.now();
      const table = await db.raw('select to_regclass(?) as t', [step.needs]);
      if (!table.rows[0].t || !step.sql) {
        console.log(
          `seed: ${step.name}: skipped (no table ${step.needs} or no SQL yet)`,
        );
        continue;
      }
      const result = await sql.query(step.sql, step.params);
      console.log(
        `seed: ${step.name}: ${result.rowCount} rows in ${(
          (Date.now() - started) /
          1000
        ).toFixed(1)} s`,
      );
    }
    await seedSlaClocks(db);
    await sql.query('vacuum analyze');
  } finally {
    await db.client.releaseConnection(sql);
    await db.destroy();
  }
}

if (require.main === module) {
  seed({ fresh: process.argv.includes('--fresh') }).catch(e => {
    console.error(e);
    process.exit(1);
  });
}
