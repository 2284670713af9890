import knexFactory, { Knex } from 'knex';
import { createHash, randomUUID } from 'node:crypto';
import {
  AlertmanagerServer,
  startAlertmanager,
} from '../__testUtils__/alertmanagerServer';
import {
  PostgresServer,
  startPostgresServer,
} from '../__testUtils__/postgresServer';
import { ReplicaSet, startReplicas } from '../__testUtils__/replicas';
import { breachKey } from '../domain/sla/planSla';

/**
 * Two replicas of the demo backend (packages/backend) on one PostgreSQL, driven at once for
 * a bounded time with declarations, versioned edits, transitions, timeline notes, role
 * changes, pages and acknowledgements, and Alertmanager webhooks delivered twice (an HA
 * pair) and repeated, while the scheduler jobs (escalation, SLA sweep, overdue postmortems,
 * the action-item cadence, outbox delivery) run on both. Two faults in the middle:
 * - PostgreSQL is restarted (stopped for OUTAGE_MS, then started): requests in between get
 *   503 with Retry-After, never a 500; health says so; a real Alertmanager's delivery of an
 *   alert that fired during the outage is refused and retried, and succeeds afterwards;
 * - one replica is SIGKILLed, and the other must carry on and take over its work.
 * Afterwards the database must hold every write that was answered 2xx, and no duplicate.
 *
 * The PostgreSQL is a server of this test's own (a fresh cluster on a free port), so the
 * restart does not take the shared one from the tests running beside it.
 */

jest.setTimeout(360_000);

const PORTS = [7311, 7312];
const LOAD_MS = Number(process.env.SCALE_OUT_LOAD_MS ?? 24_000);
const OUTAGE_AT = 0.25;
const OUTAGE_MS = 8_000;
const KILL_AT = 0.75;
const ENTITY = 'component:default/checkout';
const ALERTMANAGER_TOKEN = 'scale-out-alertmanager-token';
const GROUPS = 4;
const OUTAGE_ALERT_SERVICE = 'payments-api';
/** Anything that tells where the database is, or what failed inside. */
const LEAKS =
  /ECONNREFUSED|ECONNRESET|127\.0\.0\.1|errno|syscall|stack|knex|pg-pool/i;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

type Write =
  | { kind: 'declare'; ref: string }
  | { kind: 'edit'; ref: string; summary: string }
  | { kind: 'transition'; ref: string }
  | { kind: 'note'; ref: string; id: string; body: string }
  | { kind: 'role'; ref: string; userRef: string }
  | { kind: 'page'; ref: string; ids: string[] }
  | { kind: 'ack'; pageId: string }
  | { kind: 'alerts'; group: number };

describe('two backend replicas on one PostgreSQL', () => {
  const prefix = `firebreak_scaleout_${randomUUID().slice(0, 8)}_`;
  let pg: PostgresServer;
  let set: ReplicaSet;
  let alertmanager: AlertmanagerServer;
  let db: Knex;
  let PG: string;

  beforeAll(async () => {
    pg = await startPostgresServer();
    PG = pg.url;
    set = await startReplicas({
      pgUrl: PG,
      ports: PORTS,
      prefix,
      config: [
        'incidents:',
        '  alerts:',
        '    alertmanager:',
        '      receivers:',
        '        - name: firebreak',
        `          token: ${ALERTMANAGER_TOKEN}`,
        '  severities:',
        '    SEV2:',
        '      sla:',
        '        acknowledge: { seconds: 2 }',
        '  paging:',
        '    escalation:',
        '      frequency: { seconds: 2 }',
        '  sla:',
        '    checkFrequency: { seconds: 2 }',
        '  postmortems:',
        '    checkFrequency: { seconds: 2 }',
      ].join('\n'),
    });
    // Alertmanager delivers to the replica that survives the kill.
    alertmanager = await startAlertmanager({
      webhookUrl: `${set.replicas[0].base}/api/incidents/v1/alerts/alertmanager`,
      token: ALERTMANAGER_TOKEN,
    });
    db = knexFactory({
      client: 'pg',
      connection: `${PG}/${prefix}incidents`,
      pool: { min: 0, max: 2 },
    });
  });

  afterAll(async () => {
    await alertmanager?.stop();
    await set?.stop();
    await db?.destroy();
    await pg?.destroy();
  });

  it('loses no 2xx write, duplicates nothing, and survives a SIGKILLed replica', async () => {
    const [one, two] = set.replicas;
    const writes: Write[] = [];
    const refs: string[] = [];
    const statuses: Record<string, number> = {};
    const afterKill: number[] = [];
    /** Every 503: whether it said when to retry, and whether its body told anything inside. */
    const unavailable: Array<{
      path: string;
      retryAfter: string | null;
      leaks: boolean;
      body: string;
    }> = [];
    /** Every other 5xx, by route and body. */
    const failures = new Set<string>();
    let killed = false;
    let n = 0;
    let started = Date.now();
    const target = () => (killed || n++ % 2 === 0 ? one : two);
    const call = async (
      method: string,
      path: string,
      body?: object,
      replica = target(),
      auth = `Bearer ${set.token}`,
    ): Promise<{ status: number; body: any; replica: string }> => {
      try {
        const res = await fetch(`${replica.base}${path}`, {
          method,
          headers: {
            authorization: auth,
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
        });
        const text = await res.text();
        if (res.status >= 500 && res.status !== 503) {
          failures.add(
            `${res.status} ${method} ${path
              .split('?')[0]
              .replace(/INC-\d+|[0-9a-f-]{36}/g, ':id')} ${text.slice(0, 300)}`,
          );
        }
        if (res.status === 503) {
          unavailable.push({
            path: `${method} ${path.split('?')[0]}`,
            retryAfter: res.headers.get('retry-after'),
            leaks: LEAKS.test(text),
            body: text.slice(0, 300),
          });
        }
        const key = `${replica.name} ${res.status}`;
        statuses[key] = (statuses[key] ?? 0) + 1;
        if (killed && replica === one) afterKill.push(res.status);
        let parsed: any;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = text;
        }
        return { status: res.status, body: parsed, replica: replica.name };
      } catch (error) {
        // The killed replica: no answer, so nothing was promised.
        const key = `${replica.name} no answer (${(error as Error).message})`;
        statuses[key] = (statuses[key] ?? 0) + 1;
        return { status: 0, body: undefined, replica: replica.name };
      }
    };
    const api = (path: string) => `/api/incidents${path}`;
    const pick = () => refs[Math.floor(Math.random() * refs.length)];

    const fingerprint = (labels: object) =>
      createHash('sha256')
        .update(JSON.stringify(Object.entries(labels).sort()))
        .digest('hex')
        .slice(0, 16);
    const webhook = (group: number, i: number) => {
      const labels = {
        alertname: 'FirebreakErrorRateCritical',
        severity: 'sev1',
        firebreak_trigger: 'error_rate_critical',
        service: 'checkout',
        pod: `checkout-${group}-${i}`,
      };
      return {
        version: '4',
        groupKey: `{}/{severity="sev1"}:{alertname="FirebreakErrorRateCritical", pod_group="${group}"}`,
        truncatedAlerts: 0,
        status: 'firing',
        receiver: 'firebreak',
        groupLabels: { alertname: 'FirebreakErrorRateCritical' },
        commonLabels: { alertname: 'FirebreakErrorRateCritical' },
        commonAnnotations: {},
        externalURL: 'http://alertmanager.example.com',
        alerts: [
          {
            status: 'firing',
            labels,
            annotations: { summary: `checkout errors, group ${group}` },
            startsAt: new Date(started).toISOString(),
            endsAt: '0001-01-01T00:00:00Z',
            generatorURL: 'http://prometheus.example.com/graph',
            fingerprint: fingerprint(labels),
          },
        ],
      };
    };

    const workers: Array<() => Promise<void>> = [
      async () => {
        const severity = Math.random() < 0.5 ? 'SEV2' : 'SEV3';
        const res = await call('POST', api('/v1/incidents'), {
          title: `Scale-out ${randomUUID().slice(0, 6)}`,
          severity,
          affectedEntityRefs: [ENTITY],
        });
        if (res.status === 201) {
          refs.push(res.body.ref);
          writes.push({ kind: 'declare', ref: res.body.ref });
        }
      },
      async () => {
        if (!refs.length) return;
        const ref = pick();
        const current = await call('GET', api(`/v1/incidents/${ref}`));
        if (current.status !== 200) return;
        const summary = `edit ${randomUUID()}`;
        const res = await call('PATCH', api(`/v1/incidents/${ref}`), {
          version: current.body.version,
          summary,
        });
        if (res.status === 200) writes.push({ kind: 'edit', ref, summary });
      },
      async () => {
        if (!refs.length) return;
        const ref = pick();
        const res = await call(
          'POST',
          api(`/v1/incidents/${ref}/transitions`),
          {
            transition: 'start-triage',
          },
        );
        if (res.status === 200) writes.push({ kind: 'transition', ref });
      },
      async () => {
        if (!refs.length) return;
        const ref = pick();
        const body = `note ${randomUUID()}`;
        const res = await call('POST', api(`/v1/incidents/${ref}/timeline`), {
          kind: 'note',
          body,
        });
        if (res.status === 201) {
          writes.push({ kind: 'note', ref, id: res.body.id, body });
        }
      },
      async () => {
        if (!refs.length) return;
        const ref = pick();
        const userRef =
          Math.random() < 0.5 ? 'user:default/alice' : 'user:default/bob';
        const res = await call('PUT', api(`/v1/incidents/${ref}/roles`), {
          role: 'qa-strategist',
          userRef,
        });
        if (res.status === 200) writes.push({ kind: 'role', ref, userRef });
      },
      async () => {
        if (!refs.length) return;
        const ref = pick();
        const res = await call('POST', api(`/v1/incidents/${ref}/pages`), {
          userRefs: ['user:default/carol'],
          reason: 'Scale-out test',
        });
        if (res.status !== 201) return;
        const ids: string[] = (res.body.items ?? res.body).map(
          (p: any) => p.id,
        );
        writes.push({ kind: 'page', ref, ids });
        if (Math.random() < 0.5) {
          const ack = await call(
            'POST',
            api(`/v1/pages/${ids[0]}/acknowledge`),
          );
          if (ack.status === 200) writes.push({ kind: 'ack', pageId: ids[0] });
        }
      },
      async () => {
        // An HA Alertmanager pair: the same notification to both replicas at once.
        const group = Math.floor(Math.random() * GROUPS);
        const body = webhook(group, Math.floor(Math.random() * 3));
        const auth = `Bearer ${ALERTMANAGER_TOKEN}`;
        const answers = await Promise.all(
          (killed ? [one] : [one, two]).map(r =>
            call('POST', api('/v1/alerts/alertmanager'), body, r, auth),
          ),
        );
        if (answers.some(a => a.status === 200)) {
          writes.push({ kind: 'alerts', group });
        }
      },
    ];

    // Both replicas serve, and the catalog has the entity, before the clock starts.
    for (const replica of [one, two]) {
      const end = Date.now() + 120_000;
      for (;;) {
        const res = await call(
          'GET',
          `/api/catalog/entities/by-name/component/default/checkout`,
          undefined,
          replica,
        );
        if (res.status === 200 || Date.now() > end) break;
        await new Promise(r => setTimeout(r, 1000));
      }
    }
    // Follow-up work already overdue when the load starts, for the jobs on both replicas: a
    // postmortem due an hour ago, and an action item of payments due yesterday.
    const followUp = await call(
      'POST',
      api('/v1/incidents'),
      {
        title: 'Follow-up fixture',
        severity: 'SEV3',
        affectedEntityRefs: ['component:default/ledger'],
      },
      one,
    );
    expect(followUp.status).toBe(201);
    const postmortem = await call(
      'POST',
      api(`/v1/incidents/${followUp.body.ref}/postmortem`),
      {},
      one,
    );
    expect(postmortem.status).toBe(201);
    await db('incident_postmortems')
      .where({ incident_id: followUp.body.id })
      .update({ due_at: new Date(Date.now() - 3_600_000) });
    const overdueItem = await call(
      'POST',
      api('/v1/action-items'),
      {
        incidentId: followUp.body.ref,
        priority: 'P1',
        title: 'Overdue fixture',
        ownerRef: 'group:default/payments',
        dueAt: new Date(Date.now() - 86_400_000).toISOString(),
      },
      one,
    );
    expect(overdueItem.status).toBe(201);

    for (const key of Object.keys(statuses)) delete statuses[key];
    started = Date.now();

    // The restart: PostgreSQL goes away under load and comes back.
    const outageHealth: number[] = [];
    const outage = (async () => {
      await sleep(LOAD_MS * OUTAGE_AT);
      await pg.stop();
      outageHealth.push(
        (await fetch(`${one.base}/api/incidents/health`)).status,
      );
      // An alert fires while the database is down: Alertmanager's delivery is refused (503)
      // and retried until the database is back.
      await alertmanager.post([
        {
          labels: {
            alertname: 'FirebreakErrorRateCritical',
            severity: 'sev1',
            firebreak_trigger: 'error_rate_critical',
            service: OUTAGE_ALERT_SERVICE,
          },
          annotations: { summary: 'payments-api errors during the outage' },
        },
      ]);
      await sleep(OUTAGE_MS);
      await pg.start();
    })();
    const killTimer = setTimeout(() => {
      killed = true;
      two.process.kill('SIGKILL');
    }, LOAD_MS * KILL_AT);
    const end = started + LOAD_MS;
    await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        while (Date.now() < end) {
          await workers[(i + Math.floor(Math.random() * 3)) % workers.length]();
          // A worker with nothing to do yet must not starve the event loop.
          await new Promise(r => setTimeout(r, 5));
        }
      }),
    );
    clearTimeout(killTimer);
    await outage;
    // Escalations of the unacknowledged pages are due 2 s after sending.
    await new Promise(r => setTimeout(r, 6_000));

    // The survivor answered throughout; nothing it answered was a server error.
    // eslint-disable-next-line no-console
    console.log(
      'scale-out answers',
      JSON.stringify(statuses),
      'after the kill',
      afterKill.length,
      'server errors',
      [...failures],
    );
    expect(killed).toBe(true);
    expect(afterKill.filter(s => s >= 200 && s < 300).length).toBeGreaterThan(
      3,
    );
    expect(afterKill.filter(s => s >= 500 && s !== 503)).toEqual([]);
    // The outage: 503 with Retry-After and nothing about the database, never another 5xx.
    expect(outageHealth).toEqual([503]);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.filter(u => !u.retryAfter || u.leaks)).toEqual([]);
    expect(Object.keys(statuses).filter(k => / 5(?!03)\d\d$/.test(k))).toEqual(
      [],
    );
    expect(writes.filter(w => w.kind === 'declare').length).toBeGreaterThan(5);

    // Human numbers: unique. PostgreSQL hands them out from a sequence, so a declaration cut
    // off by the outage or the SIGKILL after taking its number leaves a gap, never a repeat.
    const numbers = (
      await db('incidents').select('number').orderBy('number')
    ).map(r => Number(r.number));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.every(value => Number.isInteger(value) && value >= 1)).toBe(
      true,
    );

    // Every 2xx write is in the database.
    const incidents = await db('incidents').select('id', 'number', 'summary');
    const byRef = new Map(incidents.map(i => [`INC-${i.number}`, i]));
    const entries = await db('incident_timeline').select(
      'id',
      'incident_id',
      'kind',
      'body',
      'details',
    );
    const roles = await db('incident_roles').select(
      'incident_id',
      'role',
      'user_ref',
    );
    const pages = await db('incident_pages').select(
      'id',
      'ack_at',
      'parent_page_id',
    );
    const pageById = new Map(pages.map(p => [p.id, p]));
    const missing: Write[] = [];
    for (const w of writes) {
      const incident = 'ref' in w ? byRef.get(w.ref) : undefined;
      const present = (() => {
        switch (w.kind) {
          case 'declare':
          case 'transition':
            return Boolean(incident);
          case 'edit':
            return entries.some(
              e =>
                e.incident_id === incident?.id &&
                e.kind === 'update' &&
                e.details.includes(w.summary),
            );
          case 'note':
            return entries.some(
              e => String(e.id) === w.id && e.body === w.body,
            );
          case 'role':
            return roles.some(
              r => r.incident_id === incident?.id && r.role === 'qa-strategist',
            );
          case 'page':
            return w.ids.every(id => pageById.has(id));
          case 'ack':
            return Boolean(pageById.get(w.pageId)?.ack_at);
          case 'alerts':
            return true;
          default:
            return false;
        }
      })();
      if (!present) missing.push(w);
    }
    expect(missing).toEqual([]);

    // One incident per alert group, however many deliveries and replicas.
    const duplicates = await db('alerts')
      .whereNotNull('incident_id')
      .groupBy('entity_ref', 'incident_group_hash')
      .select('entity_ref', 'incident_group_hash')
      .countDistinct({ incidents: 'incident_id' })
      .havingRaw('count(distinct incident_id) > 1');
    expect(duplicates).toEqual([]);
    expect(writes.some(w => w.kind === 'alerts')).toBe(true);
    const alertIncidents = await db('incidents')
      .where({ source: 'alert' })
      .count({ n: '*' });
    expect(Number(alertIncidents[0].n)).toBeGreaterThan(0);

    // The outbox drains: every effect delivered, those the killed replica had claimed taken
    // over by the survivor once their lease ran out; one row per effect key.
    const pending = async () =>
      Number(
        (
          await db('incident_outbox')
            .whereNull('delivered_at')
            .count({ n: '*' })
        )[0].n,
      );
    const drainEnd = Date.now() + 100_000;
    while ((await pending()) > 0 && Date.now() < drainEnd) {
      await new Promise(r => setTimeout(r, 2000));
    }
    expect(await pending()).toBe(0);
    const effects = await db('incident_outbox').select('key');
    expect(effects.length).toBeGreaterThan(0);
    const keys = new Set(effects.map(e => e.key));
    expect(keys.size).toBe(effects.length);

    // The alert that fired during the outage: Alertmanager's retries got it in.
    expect(alertmanager.log()).toMatch(/status code 503/);
    const alertEnd = Date.now() + 60_000;
    let outageAlerts = 0;
    while (outageAlerts === 0 && Date.now() < alertEnd) {
      outageAlerts = Number(
        (
          await db('alerts')
            .where({ entity_ref: `component:default/${OUTAGE_ALERT_SERVICE}` })
            .whereNotNull('incident_id')
            .count({ n: '*' })
        )[0].n,
      );
      if (outageAlerts === 0) await sleep(1000);
    }
    expect(outageAlerts).toBeGreaterThan(0);

    // Each SLA breach recorded once, and its notice written once (SEV2 acknowledge: 2 s).
    const breached = await db('incident_sla')
      .whereNotNull('breached_at')
      .select('incident_id', 'milestone');
    expect(breached.length).toBeGreaterThan(0);
    expect(
      breached.filter(b => !keys.has(breachKey(b.incident_id, b.milestone))),
    ).toEqual([]);
    // The overdue postmortem flagged once, and payments told of its overdue item once this
    // week, with both replicas' jobs running every 2 s.
    const flagged = [...keys].filter(k =>
      k.startsWith(`postmortem:${followUp.body.id}:overdue:`),
    );
    expect(flagged).toHaveLength(1);
    const cadence = [...keys].filter(k =>
      k.startsWith('action-items:group:default/payments:week:'),
    );
    expect(cadence).toHaveLength(1);

    // Each notify effect reached each recipient once (Backstage notifications by scope).
    const notifications = knexFactory({
      client: 'pg',
      connection: `${PG}/${prefix}notifications`,
      pool: { min: 0, max: 1 },
    });
    try {
      const twice = await notifications('notification')
        .whereNotNull('scope')
        .groupBy('user', 'scope', 'origin')
        .select('user', 'scope')
        .count({ n: '*' })
        .havingRaw('count(*) > 1');
      expect(twice).toEqual([]);
      const sent = await notifications('notification').count({ n: '*' });
      expect(Number(sent[0].n)).toBeGreaterThan(0);
    } finally {
      await notifications.destroy();
    }

    // The escalation job ran once per due page: no page escalated twice.
    const children = await db('incident_pages')
      .whereNotNull('parent_page_id')
      .groupBy('parent_page_id')
      .select('parent_page_id')
      .count({ n: '*' });
    expect(children.filter(c => Number(c.n) > 1)).toEqual([]);
  });
});
