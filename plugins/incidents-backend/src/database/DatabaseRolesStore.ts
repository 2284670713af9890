import { ConflictError } from '@backstage/errors';
import {
  IncidentRoleAssignment,
  OPEN_PHASES,
  RoleId,
  Severity,
  formatIncidentRef,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { CommandedIncident } from '../domain/assignment';
import {
  RoleDecision,
  RoleRequest,
  decideRoleChange,
} from '../domain/response';
import { IncidentTransactions } from './IncidentTransactions';
import { IncidentKey, MutationContext, MutationResult } from './IncidentsStore';
import { RoleRow, roleAssignmentFromRow, upsertRoles } from './responseRows';

/** A role holder with the role's concurrency token. */
export type HeldRoleAssignment = IncidentRoleAssignment & { version: number };

/** Who holds which role of an incident (the history lives on the timeline). */
export class DatabaseRolesStore {
  constructor(
    private readonly db: Knex,
    private readonly incidents: IncidentTransactions,
  ) {}

  async listRoles(incidentId: string): Promise<HeldRoleAssignment[]> {
    const rows: RoleRow[] = await this.db('incident_roles')
      .where({ incident_id: incidentId })
      .orderBy('role');
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
        return {
          change: { fields: {}, timeline: [decision.timeline] },
          result: decision,
        };
      },
    );
  }

  /** Incident commanders of open incidents, for the SEV3 deferral rule. */
  async openCommandedIncidents(): Promise<CommandedIncident[]> {
    const rows: {
      user_ref: string;
      number: number | string;
      severity: Severity;
    }[] = await this.db('incident_roles as r')
      .join('incidents as i', 'i.id', 'r.incident_id')
      .where('r.role', 'incident-commander' satisfies RoleId)
      .whereIn('i.phase', OPEN_PHASES)
      .select('r.user_ref', 'i.number', 'i.severity');
    return rows.map(row => ({
      userRef: row.user_ref,
      incidentRef: formatIncidentRef(Number(row.number)),
      severity: row.severity,
    }));
  }
}
