import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  IncidentPolicy,
  InsightsResponse,
  formatIncidentRef,
  incidentInsightsReadPermission,
  insightsQuerySchema,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import Router from 'express-promise-router';
import {
  incidentsInRange,
  queryInsights,
} from '../../database/insights/insightsQuery';
import { IncidentRow, optionalIso, toIsoString } from '../../database/rows';
import { Clock } from '../../domain/clock';
import { parseInput } from '../validation';
import { rollUp } from '../../catalog/hierarchy';
import { ShortLivedCache, callerKey } from '../../catalog/shortLived';
import { RouteAccess } from './access';

/**
 * How long a replica reuses a caller's figures for the same filter by default: they aggregate
 * weeks of incidents (tens of thousands of rows at scale), and a leadership page asks for
 * them again on every visit and refresh.
 */
const INSIGHTS_CACHE_MS = 60_000;

/** The leadership view and its drill-down (the incidents behind a bar). */
export function createInsightsRouter(options: {
  access: RouteAccess;
  catalog: CatalogService;
  db: Knex;
  policy: IncidentPolicy;
  clock: Clock;
  /** `incidents.insights.cacheSeconds` in milliseconds; default a minute. */
  cacheMs?: number;
}) {
  const { access, catalog, db, policy, clock } = options;
  const router = Router();
  const figures = new ShortLivedCache<InsightsResponse>({
    ttlMs: options.cacheMs ?? INSIGHTS_CACHE_MS,
    maxEntries: 1_000,
  });

  /** A reader allowed the insights (403 naming incident.insights.read otherwise). */
  const insightsReader = async (req: Parameters<RouteAccess['reader']>[0]) => {
    const credentials = await access.reader(req);
    await access.authorize(credentials, incidentInsightsReadPermission);
    return credentials;
  };

  const filterOf = async (
    req: { query: unknown },
    credentials: Parameters<RouteAccess['visibleTo']>[0],
  ) => {
    const query = parseInput(insightsQuerySchema, req.query, 'query');
    return {
      from: query.from,
      to: query.to,
      severities: query.severity,
      ...(await rollUp(catalog, credentials, { ownerRef: query.ownerRef })),
      visibleTo: await access.visibleTo(credentials),
      now: clock.now(),
    };
  };

  router.get('/v1/insights', async (req, res) => {
    const credentials = await insightsReader(req);
    const filter = await filterOf(req, credentials);
    const caller = callerKey(credentials);
    const compute = () => queryInsights(db, policy, filter);
    // The key holds what the figures depend on: who asks, what they may see, the filter.
    const { now: _now, ...keyed } = filter;
    res.json(
      caller
        ? await figures.get(`${caller}|${JSON.stringify(keyed)}`, compute)
        : await compute(),
    );
  });

  router.get('/v1/insights/incidents', async (req, res) => {
    const credentials = await insightsReader(req);
    const rows: IncidentRow[] = await incidentsInRange(
      db,
      await filterOf(req, credentials),
    )
      .select(
        'id',
        'number',
        'title',
        'severity',
        'phase',
        'declared_at',
        'acknowledged_at',
        'mitigated_at',
        'resolved_at',
      )
      .orderBy('number', 'desc')
      .limit(100);
    res.json({
      items: rows.map(r => ({
        id: r.id,
        ref: formatIncidentRef(Number(r.number)),
        title: r.title,
        severity: r.severity,
        phase: r.phase,
        declaredAt: toIsoString(r.declared_at),
        acknowledgedAt: optionalIso(r.acknowledged_at),
        mitigatedAt: optionalIso(r.mitigated_at),
        resolvedAt: optionalIso(r.resolved_at),
      })),
    });
  });

  return router;
}
