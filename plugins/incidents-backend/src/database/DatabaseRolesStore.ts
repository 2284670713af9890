import { ConflictError } from '@backstage/errors';
import {
  Incident,
  IncidentRoleAssignment,
  Severity,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import {
  Effect,
  IncidentChange,
  NewPage,
  NewRoleAssignment,
  NewTimelineEntry,
} from '../domain';
import { CommandedIncident } from '../domain/assignment';
import { readOpenCommandedIncidents } from './commandedIncidents';
import {
  RoleDecision,
  RoleRequest,
  decideRoleChange,
} from '../domain/response';
import { IncidentTransactions } from './IncidentTransactions';
import { IncidentKey, MutationContext, MutationResult } from './IncidentsStore';
import {
  RoleRow,
  insertPages,
  roleAssignmentFromRow,
  upsertRoles,
} from './responseRows';
import { withTextTimestamps } from './textTimestamps';

/**
 * The newest severity change recorded on an incident's timeline, from whom (`source`, e.g.
 * `alert`), and whether the incident commander was reassessed after it (an entry marked
 * `severityChange`).
 */
export interface LastSeverityChange {
  before: Severity;
  after: Severity;
  source?: string;
  reassessed: boolean;
}

/** How far back the timeline is searched for the last severity change. */
const SEVERITY_CHANGE_LOOKBACK = 50;

async function readLastSeverityChange(
  db: Knex,
  incidentId: string,
): Promise<LastSeverityChange | undefined> {
  const rows: { details: string | Record<string, unknown> | null }[] = await db(
    'incident_timeline',
  )
    .where({ incident_id: incidentId })
    .orderBy('id', 'desc')
    .limit(SEVERITY_CHANGE_LOOKBACK)
    .select('details');
  let reassessed = false;
  for (const row of rows) {
    const details =
      typeof row.details === 'string'
        ? (JSON.parse(row.details) as Record<string, unknown>)
        : row.details ?? {};
    if (details.severityChange === true) {
      reassessed = true;
    }
    const changes = Array.isArray(details.changes)
      ? (details.changes as {
          field?: string;
          before?: Severity;
          after?: Severity;
        }[])
      : [];
    const severity = changes.find(c => c.field === 'severity');
    if (severity?.before && severity.after) {
      return {
        before: severity.before,
        after: severity.after,
        ...(typeof details.source === 'string'
          ? { source: details.source }
          : {}),
        reassessed,
      };
    }
  }
  return undefined;
}

/** A role holder with the role's concurrency token. */
export type HeldRoleAssignment = IncidentRoleAssignment & { version: number };

/** Who holds which role of an incident (the history lives on the timeline). */
export class DatabaseRolesStore {
  constructor(
    private readonly db: Knex,
    private readonly incidents: IncidentTransactions,
  ) {}

  async listRoles(incidentId: string): Promise<HeldRoleAssignment[]> {
    const rows: RoleRow[] = await withTextTimestamps(
      this.db,
      this.db('incident_roles')
        .where({ incident_id: incidentId })
        .orderBy('role'),
    );
    return rows.map(row => ({
      ...roleAssignmentFromRow(row),
      version: Number(row.version),
    }));
  }

  /**
   * Assigns, reassigns or hands off a role under the incident's lock, with its timeline
   * entry. Throws ConflictError (with `currentVersion`) when the decision refuses.
   */
  async changeRole(
    key: IncidentKey,
    context: MutationContext,
    request: RoleRequest,
    /** What follows a change (notices, a page to a new commander), planned under the lock. */
    respond: (
      current: Incident,
      assignment: NewRoleAssignment,
    ) => { pages: NewPage[]; timeline: NewTimelineEntry[]; effects: Effect[] },
  ): Promise<MutationResult & { result: RoleDecision }> {
    return this.incidents.mutateIncidentWith<RoleDecision>(
      key,
      context,
      async (current, trx) => {
        const row: RoleRow | undefined = await trx('incident_roles')
          .where({ incident_id: current.id, role: request.role })
          .first();
        const decision = decideRoleChange(
          row
            ? { userRef: row.user_ref, version: Number(row.version) }
            : undefined,
          request,
        );
        if (decision.outcome === 'conflict') {
          throw Object.assign(new ConflictError(decision.message), {
            currentVersion: decision.currentVersion,
          });
        }
        if (decision.outcome === 'unchanged') {
          return { result: decision };
        }
        await upsertRoles(trx, current.id, [decision.assignment], context);
        const response = respond(current, decision.assignment);
        await insertPages(trx, current.id, response.pages, context);
        return {
          change: {
            fields: {},
            timeline: [decision.timeline, ...response.timeline],
            effects: response.effects,
            announce: 'roles',
          },
          result: decision,
        };
      },
    );
  }

  /**
   * A change to the incident decided under its lock together with the roles it assigns, the
   * pages it sends and (when `clearBacklog`) dropping the pending SEV4 backlog hand-over, all
   * in one transaction. Used when a severity change re-applies the commander assignment.
   */
  async mutateWithResponse<T>(
    key: IncidentKey,
    context: MutationContext,
    decide: (
      current: Incident,
      /** Read under the lock when `options.withLastSeverityChange` is set. */
      lastSeverityChange?: LastSeverityChange,
    ) => {
      change?: IncidentChange;
      roles?: NewRoleAssignment[];
      pages?: NewPage[];
      clearBacklog?: boolean;
      result: T;
    },
    options: { withLastSeverityChange?: boolean } = {},
  ): Promise<MutationResult & { result: T }> {
    return this.incidents.mutateIncidentWith<T>(
      key,
      context,
      async (current, trx) => {
        const decided = decide(
          current,
          options.withLastSeverityChange
            ? await readLastSeverityChange(trx, current.id)
            : undefined,
        );
        if (!decided.change) {
          return { result: decided.result };
        }
        await upsertRoles(trx, current.id, decided.roles ?? [], context);
        await insertPages(trx, current.id, decided.pages ?? [], context);
        if (decided.clearBacklog && current.backlog) {
          await trx('incidents').where({ id: current.id }).update({
            backlog_group_ref: null,
            backlog_assign_at: null,
            backlog_assigned_at: null,
          });
        }
        return { change: decided.change, result: decided.result };
      },
    );
  }

  /** The newest severity change on the incident's timeline (see {@link LastSeverityChange}). */
  lastSeverityChange(
    incidentId: string,
  ): Promise<LastSeverityChange | undefined> {
    return readLastSeverityChange(this.db, incidentId);
  }

  /** The open incidents that these people command (see {@link readOpenCommandedIncidents}). */
  openCommandedIncidents(options: {
    userRefs: readonly string[];
    /** Leaves this incident out (its own commander is not busy elsewhere). */
    exceptIncidentId?: string;
    /** Only commands of this severity and the more severe ones. */
    downTo?: Severity;
  }): Promise<CommandedIncident[]> {
    return readOpenCommandedIncidents(this.db, options);
  }
}
