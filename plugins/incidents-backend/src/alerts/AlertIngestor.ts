import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
} from '../database/availability';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Incident,
  IncidentFlag,
  IncidentSource,
  ROLES,
  declareIncidentSchema,
} from '@firebreak/plugin-incidents-common';
import {
  AlertsStore,
  ClaimRef,
  IngestContext,
  PendingDeclaration,
  RaisePlanner,
} from '../database/AlertsStore';
import { IncidentEdits } from '../domain';
import { Clock, systemClock } from '../domain/clock';
import { IncidentDeclarer } from '../response/IncidentDeclarer';
import { CatalogRoutingSource } from './CatalogRoutingSource';
import { AlertsConfig } from './config';
import {
  DeclarationSpec,
  declarationFor,
} from '../domain/alerts/incidentEntries';
import {
  contentHashOf,
  decideAlert,
  incidentGroupOf,
} from '../domain/alerts/lifecycle';
import { RoutingIndex, routeAlert } from '../domain/alerts/routing';
import { evaluateRules } from '../domain/alerts/rules';
import {
  IngestResult,
  NormalizedAlert,
  PreparedAlert,
} from '../domain/alerts/types';

/**
 * What alert ingestion needs of the response: the facts a severity raise's plan needs,
 * gathered before the write (so the commander is reassessed inside it), edits through the
 * one edit path, and a kick of the outbox after a commit.
 */
export interface AlertResponse {
  raisePlanner(
    alerts: PreparedAlert[],
    credentials: BackstageCredentials,
    now: Date,
  ): Promise<RaisePlanner | undefined>;
  update(
    key: { id: string },
    edits: IncidentEdits,
    context: { actor: string; now: Date; credentials: BackstageCredentials },
  ): Promise<unknown>;
  /** Delivers what the writes committed; resolves once a round after the call is done. */
  delivered(): Promise<void> | void;
}

/**
 * A claim not refreshed for this long belongs to a replica that died (or failed) while
 * declaring: the abandoned-declarations task takes it over.
 */
export const DEFAULT_CLAIM_TIMEOUT_MS = 45_000;
const CLAIM_REFRESH_MS = 10_000;

/** Runs a database call; an unavailable database becomes a 503, which senders retry. */
export async function withDatabase<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      // The cause (addresses, ports) stays in the logs, never in the answer.
      throw new ServiceUnavailableError(DATABASE_UNAVAILABLE_MESSAGE);
    }
    throw error;
  }
}

/**
 * Alert ingestion: normalised alerts → routing (catalog) → declaration rules → one store
 * transaction → declarations of the groups that transaction claimed, each through the
 * single declaration path (IncidentDeclarer), so alerts get the same ownership, incident
 * commander assignment and paging as a person's declaration.
 */
export class AlertIngestor {
  private readonly clock: Clock;
  readonly claimTimeoutMs: number;

  constructor(
    private readonly deps: {
      store: AlertsStore;
      routing: CatalogRoutingSource;
      declarer: IncidentDeclarer;
      auth: AuthService;
      logger: LoggerService;
      config: AlertsConfig;
      response?: AlertResponse;
      clock?: Clock;
      claimTimeoutMs?: number;
    },
  ) {
    this.clock = deps.clock ?? systemClock;
    this.claimTimeoutMs = deps.claimTimeoutMs ?? DEFAULT_CLAIM_TIMEOUT_MS;
  }

  context(raise?: RaisePlanner): IngestContext {
    return {
      now: this.clock.now().toISOString(),
      decisions: {
        decide: decideAlert,
        declaration: alerts => declarationFor(alerts, this.deps.config.rules),
      },
      claimTimeoutMs: this.claimTimeoutMs,
      ...(raise ? { raise } : {}),
    };
  }

  /** Routes and judges normalised alerts; pure given the routing index. */
  prepare(alerts: NormalizedAlert[], index: RoutingIndex): PreparedAlert[] {
    const { config } = this.deps;
    return alerts.map(alert => {
      const route = alert.statusOnly
        ? {}
        : routeAlert(alert, index, config.routingLabels);
      const rule = alert.statusOnly
        ? { ruleIds: [], restricted: false, roles: [] }
        : evaluateRules(config.rules, alert);
      const grouped = { ...alert, rule, ...incidentGroupOf(alert, rule) };
      return { ...grouped, route, contentHash: contentHashOf(grouped) };
    });
  }

  /** Stores one delivery; 2xx-worthy only once this resolves (the alerts are committed). */
  async ingest(alerts: NormalizedAlert[]): Promise<IngestResult> {
    const needsRouting = alerts.some(a => !a.statusOnly);
    const index = needsRouting
      ? await this.deps.routing.getIndex()
      : emptyIndex();
    const prepared = this.prepare(alerts, index);
    const raise = await this.deps.response?.raisePlanner(
      prepared,
      await this.deps.auth.getOwnServiceCredentials(),
      this.clock.now(),
    );
    const outcome = await withDatabase(() =>
      this.deps.store.ingest(prepared, this.context(raise)),
    );
    const delivery = this.deps.response?.delivered();
    if (delivery && outcome.updatedIncidents.some(i => i.severityRaised)) {
      // A raise pages the new incident commander: the sender's answer comes after that page
      // went out, as a declaration's does (bounded; the outbox task delivers what is left).
      await waitAtMost(delivery, this.deps.config.declarationWaitMs);
    }

    // The alerts and the claims are committed: from here on a declaration cannot be lost
    // (a failed or abandoned one is finished by the abandoned-declarations task), so the
    // sender does not wait longer than declarationWaitMs for it.
    let declared: Incident[] = [];
    let declaring = 0;
    if (outcome.pending.length > 0) {
      const credentials = await this.deps.auth.getOwnServiceCredentials();
      const running = this.declarePending(outcome.pending, {
        credentials,
        source: 'alert',
      }).catch(error => {
        this.deps.logger.error('Declaring incidents for alerts failed', error);
        return [] as Incident[];
      });
      const finished = await waitAtMost(
        running,
        this.deps.config.declarationWaitMs,
      );
      if (finished) {
        declared = finished;
      } else {
        declaring = outcome.pending.length;
      }
    }
    return {
      received: alerts.length,
      created: outcome.created,
      changed: outcome.changed,
      unchanged: outcome.unchanged,
      unrouted: outcome.unrouted,
      declared: declared.map(i => i.ref),
      declaring,
      updated: outcome.updatedIncidents.map(i => i.ref),
    };
  }

  /**
   * Declares the incidents of claims this replica holds, keeping the claims fresh
   * meanwhile. When a declaration fails, its claim is left to go stale, so that the
   * abandoned-declarations task retries it; unless the failure is the declaration's own
   * fault (InputError, e.g. the entity left the catalog): then the claim is released and
   * the group claims again on its next firing alert. With `rethrow` (a person waiting), the
   * claim is released and the error rethrown.
   */
  async declarePending(
    pending: PendingDeclaration[],
    options: {
      credentials: BackstageCredentials;
      source: IncidentSource;
      /** Declare as this actor instead of the alert source (a person routing by hand). */
      actor?: string;
      /** Rethrow a failed declaration's error (a person waiting for the answer). */
      rethrow?: boolean;
    },
  ): Promise<Incident[]> {
    const { store, declarer, logger } = this.deps;
    const live = new Set<ClaimRef>(pending);
    const timer = setInterval(() => {
      store
        .refreshClaims([...live], this.clock.now().toISOString())
        .catch(e => logger.warn(`Could not refresh alert claims: ${e}`));
    }, CLAIM_REFRESH_MS);
    timer.unref?.();

    const declared: Incident[] = [];
    try {
      for (const claim of pending) {
        let incident: Incident;
        try {
          incident = await declarer.declare({
            declaration: toDeclaration(claim.spec),
            actor: options.actor ?? claim.spec.actor,
            credentials: options.credentials,
            source: options.source,
            restricted: claim.spec.restricted,
          });
        } catch (error) {
          live.delete(claim);
          const refused = (error as Error).name === InputError.name;
          if (refused || options.rethrow) {
            await store
              .releaseClaim(claim)
              .catch(e => logger.warn(`Could not release alert claim: ${e}`));
          }
          if (options.rethrow) {
            throw error;
          }
          if (refused) {
            logger.warn(
              `Alerts of ${claim.entityRef} (${
                claim.incidentGroup
              }) match a declaration rule, but the declaration was refused: ${
                (error as Error).message
              }`,
            );
          } else {
            logger.error(
              `Declaring the incident of ${claim.entityRef} (${
                claim.incidentGroup
              }) failed; retrying within ${Math.round(
                this.claimTimeoutMs / 1000,
              )}s`,
              error as Error,
            );
          }
          continue;
        }
        live.delete(claim);
        const done = await withDatabase(() =>
          store.completeDeclaration(claim, incident, {
            now: this.clock.now().toISOString(),
          }),
        );
        if (done.lost) {
          logger.error(
            `Declared ${incident.ref} for ${claim.entityRef} (${claim.incidentGroup}) after its claim was taken over by another replica; the group may have two incidents`,
          );
        }
        declared.push(incident);
        this.deps.response?.delivered();
        await this.raiseFlags(incident, claim.spec, {
          actor: options.actor ?? claim.spec.actor,
          credentials: options.credentials,
        });
      }
    } finally {
      clearInterval(timer);
    }
    return declared;
  }

  /** Kicks the outbox after a write of this module's that committed effects. */
  delivered(): void {
    this.deps.response?.delivered();
  }

  /** Finishes declarations left behind by replicas that died while declaring. */
  async declareAbandoned(limit = 20): Promise<Incident[]> {
    const now = this.clock.now();
    const taken = await this.deps.store.takeOverStaleClaims({
      now: now.toISOString(),
      staleBefore: new Date(now.getTime() - this.claimTimeoutMs).toISOString(),
      limit,
    });
    if (taken.length === 0) {
      return [];
    }
    this.deps.logger.info(
      `Finishing ${taken.length} alert declaration(s) abandoned by another replica`,
    );
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    return this.declarePending(taken, { credentials, source: 'alert' });
  }

  /**
   * Roles a rule asks for, brought in the way a person would: raising the incident flag
   * that makes the role join (data exposure → privacy officer, cost impact → FinOps).
   */
  private async raiseFlags(
    incident: Incident,
    spec: DeclarationSpec,
    context: { actor: string; credentials: BackstageCredentials },
  ): Promise<void> {
    const flags = new Set<IncidentFlag>();
    for (const role of spec.roles) {
      const flag = ROLES[role]?.joinsWhen;
      if (flag) flags.add(flag);
    }
    if (flags.size === 0 || !this.deps.response) {
      return;
    }
    try {
      const edits = Object.fromEntries([...flags].map(f => [f, true]));
      await this.deps.response.update({ id: incident.id }, edits, {
        ...context,
        now: this.clock.now(),
      });
    } catch (error) {
      this.deps.logger.warn(
        `Could not flag ${incident.ref} for ${[...flags].join(', ')}: ${error}`,
      );
    }
  }
}

function emptyIndex(): RoutingIndex {
  return {
    byRef: new Map(),
    byName: new Map(),
    selectors: [],
    routingKeys: new Map(),
    labelValues: new Map(),
  };
}

function toDeclaration(spec: DeclarationSpec) {
  return declareIncidentSchema.parse({
    title: spec.title,
    summary: spec.summary,
    customerImpact: spec.customerImpact,
    severity: spec.severity,
    affectedEntityRefs: [spec.entityRef],
    regions: spec.regions,
  });
}

/** What `work` resolves to, or undefined once `ms` have passed first (the work goes on). */
async function waitAtMost<T>(
  work: Promise<T>,
  ms: number,
): Promise<T | undefined> {
  const waited = new AbortController();
  try {
    return await Promise.race([
      work,
      sleep(ms, undefined, { signal: waited.signal, ref: false }).catch(
        () => undefined,
      ),
    ]);
  } finally {
    waited.abort();
  }
}
