import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  IncidentAlert,
  IncidentAlertsResponse,
  Page,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { PreparedAlert } from '../domain/alerts/types';
import { VisibilityScope } from '../domain/visibility';
import {
  AlertFilter,
  AlertsStore,
  ClaimRef,
  IncidentRefs,
  IngestContext,
  IngestOutcome,
  ManualDeclarationInput,
  ManualDeclarationOutcome,
  PendingDeclaration,
  RouteOutcome,
} from './AlertsStore';
import {
  getAlert,
  listAlerts,
  listIncidentAlerts,
} from './alerts/alertListing';
import {
  completeDeclaration,
  refreshClaims,
  releaseClaim,
  takeOverStaleClaims,
} from './alerts/claimLifecycle';
import { ingestDelivery, latestInLockOrder } from './alerts/ingestDelivery';
import { claimForManualDeclaration } from './alerts/manualDeclaration';
import { openIncidentOfGroup } from './alerts/joinTarget';
import { routeAlerts } from './alerts/routeAlerts';
import { deleteExpiredAlerts } from './alerts/retention';
import { retryingTransaction } from './alerts/sql';
import { adoptLegacyAlertmanagerScopes } from './alerts/legacyScopes';
import { migratedClient } from './migratedClient';

/**
 * Knex implementation of {@link AlertsStore}, tested on SQLite and PostgreSQL. The queries
 * live in `./alerts/`; this class holds the connection and the transactions.
 *
 * Lock order, everywhere: claims (`alert_incident_groups`) → alerts → incidents. Alert rows
 * are always locked in dedup-key order, by one multi-row upsert per delivery.
 */
export class DatabaseAlertsStore implements AlertsStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseAlertsStore> {
    return new DatabaseAlertsStore(await migratedClient(options));
  }

  /** PostgreSQL gets bulk statements with all rows in one JSON parameter. */
  private readonly pg: boolean;

  private constructor(private readonly db: Knex) {
    this.pg = (db.client as { dialect?: string }).dialect === 'postgresql';
  }

  async ingest(
    alerts: PreparedAlert[],
    context: IngestContext,
  ): Promise<IngestOutcome> {
    const incoming = latestInLockOrder(alerts);
    return retryingTransaction(this.db, trx =>
      ingestDelivery(trx, incoming, context, this.pg),
    );
  }

  async completeDeclaration(
    claim: ClaimRef,
    incident: { id: string },
    context: { now: string },
  ): Promise<{ lost: boolean; linked: number; incident?: IncidentRefs }> {
    return retryingTransaction(this.db, trx =>
      completeDeclaration(trx, claim, incident, context.now),
    );
  }

  async releaseClaim(claim: ClaimRef): Promise<void> {
    await releaseClaim(this.db, claim);
  }

  async refreshClaims(claims: ClaimRef[], now: string): Promise<void> {
    await refreshClaims(this.db, claims, now);
  }

  async takeOverStaleClaims(options: {
    now: string;
    staleBefore: string;
    limit: number;
  }): Promise<PendingDeclaration[]> {
    return takeOverStaleClaims(this.db, options);
  }

  async getAlert(
    id: string,
    options: { visibleTo?: VisibilityScope } = {},
  ): Promise<IncidentAlert | undefined> {
    return getAlert(this.db, id, options.visibleTo);
  }

  async listAlerts(filter: AlertFilter): Promise<Page<IncidentAlert>> {
    return listAlerts(this.db, filter);
  }

  async listIncidentAlerts(
    incidentId: string,
    options: { visibleTo?: VisibilityScope } = {},
  ): Promise<IncidentAlertsResponse> {
    return listIncidentAlerts(this.db, incidentId, options.visibleTo);
  }

  async openIncidentOfGroup(
    alertId: string,
    entityRef?: string,
  ): Promise<string | undefined> {
    return openIncidentOfGroup(this.db, alertId, entityRef);
  }

  async routeAlerts(
    alertId: string,
    options: {
      entityRef: string;
      includeGroup: boolean;
      expectedJoin?: string | null;
    },
    context: IngestContext,
  ): Promise<RouteOutcome> {
    return retryingTransaction(this.db, trx =>
      routeAlerts(trx, alertId, options, context, this.pg),
    );
  }

  async claimForManualDeclaration(
    alertId: string,
    input: ManualDeclarationInput & { actor: string },
    context: IngestContext,
  ): Promise<ManualDeclarationOutcome> {
    return retryingTransaction(this.db, trx =>
      claimForManualDeclaration(trx, alertId, input, context, this.pg),
    );
  }

  async deleteExpiredAlerts(options: {
    before: string;
    batchSize?: number;
    signal?: AbortSignal;
  }): Promise<number> {
    return deleteExpiredAlerts(this.db, options);
  }

  /** See {@link adoptLegacyAlertmanagerScopes}; run once at start-up. */
  adoptLegacyAlertmanagerScopes(
    receivers: { name: string; actor: string }[],
  ): Promise<number> {
    return adoptLegacyAlertmanagerScopes(this.db, receivers);
  }
}
