/**
 * The read paths `make bench` measures: each is one entry (the request exactly as the
 * frontend sends it, and, where the plugin's stores can replay it, the same reads through
 * them so that the bench captures their SQL for pgbench and EXPLAIN). Add an endpoint with
 * one line: `{ page: 'Postmortems', name: 'list', path: ctx => '/api/incidents/v1/...' }`.
 */
import {
  ActionItemStatus,
  OPEN_PHASES as OPEN,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { DatabaseIncidentsStore } from '../src/database/DatabaseIncidentsStore';
import { DatabaseRolesStore } from '../src/database/DatabaseRolesStore';
import { DatabasePagesStore } from '../src/database/DatabasePagesStore';
import {
  listAlerts,
  listIncidentAlerts,
} from '../src/database/alerts/alertListing';
import { listActionItems } from '../src/database/postmortems/actionItems';
import { listPostmortems } from '../src/database/postmortems/listPostmortems';
import { queryInsights } from '../src/database/insights/insightsQuery';
import { resolvePolicy } from '../src/domain/policy';
import { VisibilityScope } from '../src/domain/visibility';

/** What a read path may use: the seeded incident of the incident page and the stores. */
export interface BenchContext {
  entityRef: string;
  incidentRef: string;
  incidentId: string;
  longIncidentRef: string;
  db: Knex;
  incidents: DatabaseIncidentsStore;
  scope: VisibilityScope;
}

export interface ReadPath {
  /** The UI surface whose requests these are (a table of the report). */
  page: string;
  name: string;
  method?: 'GET' | 'POST';
  path: (ctx: BenchContext) => string;
  body?: object;
  /**
   * An aggregate over a range (not a list): its SQL reads a share of the dependent tables,
   * which PostgreSQL rightly does by sequential scan; only one of incidents or the timeline
   * counts against it.
   */
  aggregate?: true;
  /** The reads of the request through the plugin's stores (for the captured SQL). */
  reads?: (ctx: BenchContext) => Promise<unknown>;
}

const api = '/api/incidents';
const q = (params: Record<string, string | number>) =>
  `?${new URLSearchParams(
    Object.entries(params).map(([k, v]) => [k, String(v)]),
  ).toString()}`;

/** The team whose page the bench opens, and the groups the backend rolls it up to. */
const TEAM = 'group:default/engineering';
const TEAM_AND_SUB_TEAMS = [
  TEAM,
  ...[
    'leadership',
    'platform-reliability',
    'payments',
    'storefront',
    'identity',
    'qa',
    'customer-success',
    'finops',
    'privacy',
  ].map(name => `group:default/${name}`),
];
const OPEN_ACTION_ITEMS: ActionItemStatus[] = ['open', 'in_progress'];

/** The Insights page's default range: the last 12 weeks, to the start of tomorrow (UTC). */
const insightsRange = () => {
  const day = 86_400_000;
  const date = (t: number) =>
    `${new Date(t).toISOString().slice(0, 10)}T00:00:00.000Z`;
  return { from: date(Date.now() - 84 * day), to: date(Date.now() + day) };
};

const incident = (ctx: BenchContext) =>
  ctx.incidents.getIncident(
    { number: Number(ctx.incidentRef.slice(4)) },
    { visibleTo: ctx.scope },
  );

export const READ_PATHS: ReadPath[] = [
  // The entity page's Incidents tab (EntityIncidentsContent, EntityAlertsCard, DeclareIncidentButton).
  {
    page: 'Incidents tab',
    name: 'open incidents',
    path: c =>
      `${api}/v1/incidents${q({
        entityRef: c.entityRef,
        status: 'open',
        limit: 25,
        sort: 'severity',
      })}`,
    reads: c =>
      c.incidents.listIncidents({
        entityRefs: [c.entityRef],
        phases: OPEN,
        limit: 25,
        sort: 'severity',
        visibleTo: c.scope,
      }),
  },
  {
    page: 'Incidents tab',
    name: 'closed history',
    path: c =>
      `${api}/v1/incidents${q({
        entityRef: c.entityRef,
        status: 'closed',
        limit: 20,
      })}`,
    reads: c =>
      c.incidents.listIncidents({
        entityRefs: [c.entityRef],
        phases: ['closed'],
        limit: 20,
        visibleTo: c.scope,
      }),
  },
  {
    page: 'Incidents tab',
    name: 'firing alerts',
    path: c =>
      `${api}/v1/alerts${q({
        entityRef: c.entityRef,
        status: 'active',
        limit: 50,
      })}`,
    reads: c =>
      listAlerts(c.db, {
        entityRefs: [c.entityRef],
        statuses: ['firing', 'acknowledged'],
        limit: 50,
        visibleTo: c.scope,
      }),
  },
  {
    page: 'Incidents tab',
    name: 'permission (declare button)',
    method: 'POST',
    path: () => '/api/permission/authorize',
    body: {
      items: [
        {
          id: 'bench',
          permission: {
            type: 'basic',
            name: 'incident.create',
            attributes: { action: 'create' },
          },
        },
      ],
    },
  },
  // The incident page (IncidentPage and its cards).
  {
    page: 'Incident page',
    name: 'incident',
    path: c => `${api}/v1/incidents/${c.incidentRef}`,
    reads: incident,
  },
  {
    page: 'Incident page',
    name: 'timeline, first page',
    path: c =>
      `${api}/v1/incidents/${c.incidentRef}/timeline${q({ limit: 100 })}`,
    reads: async c =>
      c.incidents.listTimeline((await incident(c))!.id, { limit: 100 }),
  },
  {
    page: 'Incident page',
    name: 'roles',
    path: c => `${api}/v1/incidents/${c.incidentRef}/roles`,
    reads: async c =>
      new DatabaseRolesStore(c.db, c.incidents).listRoles(
        (await incident(c))!.id,
      ),
  },
  {
    page: 'Incident page',
    name: 'role suggestions',
    path: c => `${api}/v1/incidents/${c.incidentRef}/roles/suggestions`,
  },
  {
    page: 'Incident page',
    name: 'pages',
    path: c => `${api}/v1/incidents/${c.incidentRef}/pages`,
    reads: async c =>
      new DatabasePagesStore(c.db, c.incidents).listIncidentPages(
        (await incident(c))!.id,
      ),
  },
  {
    page: 'Incident page',
    name: 'alerts',
    path: c => `${api}/v1/incidents/${c.incidentRef}/alerts`,
    reads: async c => listIncidentAlerts(c.db, (await incident(c))!.id),
  },
  {
    page: 'Incident page',
    name: 'checklist',
    path: c => `${api}/v1/incidents/${c.incidentRef}/checklist`,
  },
  {
    page: 'Incident page',
    name: 'timeline of 5,000 entries, first page',
    path: c =>
      `${api}/v1/incidents/${c.longIncidentRef}/timeline${q({ limit: 100 })}`,
  },
  // The incidents list page (IncidentsListPage).
  {
    page: 'Incidents list',
    name: 'default (open, with total)',
    path: () =>
      `${api}/v1/incidents${q({
        limit: 25,
        includeTotal: 'true',
        status: 'open',
      })}`,
    reads: c =>
      c.incidents.listIncidents({
        phases: OPEN,
        limit: 25,
        includeTotal: true,
        visibleTo: c.scope,
      }),
  },
  {
    page: 'Incidents list',
    name: 'all statuses (with total)',
    path: () => `${api}/v1/incidents${q({ limit: 25, includeTotal: 'true' })}`,
    reads: c =>
      c.incidents.listIncidents({
        limit: 25,
        includeTotal: true,
        visibleTo: c.scope,
      }),
  },
  {
    page: 'Incidents list',
    // As the list page asks for a search: without a total ("25+ matching").
    name: 'free text "certificate expiry", all statuses',
    path: () =>
      `${api}/v1/incidents${q({
        limit: 25,
        q: 'certificate expiry',
      })}`,
    reads: c =>
      c.incidents.listIncidents({
        q: 'certificate expiry',
        limit: 25,
        visibleTo: c.scope,
      }),
  },
  {
    page: 'Incidents list',
    name: 'free text "latency", open',
    path: () =>
      `${api}/v1/incidents${q({
        limit: 25,
        q: 'latency',
        status: 'open',
      })}`,
    reads: c =>
      c.incidents.listIncidents({
        q: 'latency',
        phases: OPEN,
        limit: 25,
        visibleTo: c.scope,
      }),
  },
  {
    page: 'Incidents list',
    // The tab bar's count of the inbox (on every incidents page) and the inbox's default.
    name: 'unrouted alerts, active',
    path: () =>
      `${api}/v1/alerts/unrouted${q({ status: 'active', limit: 50 })}`,
    reads: c =>
      listAlerts(c.db, {
        unrouted: true,
        statuses: ['firing', 'acknowledged'],
        limit: 50,
        visibleTo: c.scope,
      }),
  },
  {
    page: 'Incidents list',
    name: 'unrouted alerts, all statuses',
    path: () => `${api}/v1/alerts/unrouted${q({ limit: 50 })}`,
    reads: c =>
      listAlerts(c.db, { unrouted: true, limit: 50, visibleTo: c.scope }),
  },
  // A team page: the Action items card of engineering, whose items are its sub-teams'.
  {
    page: 'Team page',
    name: 'action items (engineering and its sub-teams)',
    path: () =>
      `${api}/v1/action-items${q({
        ownerRef: TEAM,
        status: OPEN_ACTION_ITEMS.join(','),
        limit: 50,
      })}`,
    reads: c =>
      listActionItems(c.db, {
        ownerRefs: TEAM_AND_SUB_TEAMS,
        statuses: OPEN_ACTION_ITEMS,
        limit: 50,
        visibleTo: c.scope,
        now: new Date(),
      }),
  },
  // Leadership: the Postmortems page and the Insights page (its default range, 12 weeks).
  {
    page: 'Leadership',
    name: 'postmortems list',
    path: () => `${api}/v1/postmortems${q({ limit: 25 })}`,
    reads: c =>
      listPostmortems(c.db, { limit: 25, visibleTo: c.scope, now: new Date() }),
  },
  {
    page: 'Leadership',
    name: 'insights, 12 weeks',
    aggregate: true,
    path: () => `${api}/v1/insights${q(insightsRange())}`,
    reads: c =>
      queryInsights(c.db, resolvePolicy(), {
        ...insightsRange(),
        visibleTo: c.scope,
        now: new Date(),
      }),
  },
  // The public status page, as subscribers' browsers and status widgets poll it.
  {
    page: 'Status page',
    name: 'JSON (/v1/status)',
    path: () => `${api}/v1/status`,
  },
  {
    page: 'Status page',
    name: 'HTML (/status)',
    path: () => `${api}/status`,
  },
];
