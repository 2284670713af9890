import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  Incident,
  IncidentPolicy,
  isOpenPhase,
  refKey,
  Severity,
} from '@firebreak/plugin-incidents-common';
import { randomUUID } from 'node:crypto';
import { DatabaseRolesStore } from '../database/DatabaseRolesStore';
import {
  IncidentKey,
  IncidentsStore,
  MutationResult,
} from '../database/IncidentsStore';
import { IncidentEdits, decideUpdate } from '../domain';
import {
  AssignmentPolicy,
  CommandedIncident,
  OnCallSnapshot,
  onCallCandidates,
  onCallGroupsForSeverityChange,
  reassessIncidentCommander,
} from '../domain/assignment';
import {
  SeverityChangePlan,
  owningGroups,
  pageNotice,
  planFlagJoins,
  planSeverityChange,
  raisedFlags,
} from '../domain/response';
import { OnCallResolver } from './OnCallResolver';
import { RoleGroups } from './roleGroups';
import { RaisePlanner } from '../database/AlertsStore';
import { PreparedAlert } from '../domain/alerts/types';
import { Clock } from '../domain/clock';
import { acknowledgeMinutes } from './CommanderAssigner';

/**
 * Severity changes re-apply the spec's "Incident Commander Assignment" (see
 * `reassessIncidentCommander`): edits through the API in the same transaction as the change;
 * raises by alerts right after theirs ({@link SeverityResponse.onIncidentChanged}). The new
 * incident commander is paged after the commit, as at declaration.
 */
export class SeverityResponse {
  constructor(
    private readonly deps: {
      incidents: IncidentsStore;
      roles: DatabaseRolesStore;
      onCall: OnCallResolver;
      roleGroups: RoleGroups;
      assignment: AssignmentPolicy;
      policy: IncidentPolicy;
      logger: LoggerService;
      auth: AuthService;
      clock: Clock;
      newId?: () => string;
    },
  ) {}

  async update(
    incidentKey: IncidentKey,
    edits: IncidentEdits,
    context: {
      actor: string;
      now: Date;
      credentials: BackstageCredentials;
      expectedVersion?: number;
    },
  ): Promise<MutationResult> {
    const { roles, policy } = this.deps;
    const { now } = context;
    const before = await this.deps.incidents.getIncident(incidentKey);
    if (!before) {
      throw new NotFoundError('Incident not found');
    }
    const ownerGroupRefs = owningGroups(before.entities);
    const flags = raisedFlags(before, edits);
    const [lookup, joining] = await Promise.all([
      edits.severity === undefined || edits.severity === before.severity
        ? undefined
        : this.lookUp({
            from: before.severity,
            to: edits.severity,
            ownerGroupRefs,
            incidentId: before.id,
            credentials: context.credentials,
            now,
          }),
      flags.length ? this.lookUpJoiners(before.id, context) : undefined,
    ]);
    const newId = this.deps.newId ?? randomUUID;
    const pageId = newId();

    const { incident, entries } = await roles.mutateWithResponse<undefined>(
      incidentKey,
      { actor: context.actor, at: now.toISOString(), ...versionOf(context) },
      current => {
        const change = decideUpdate(current, edits);
        if (!change) {
          return { result: undefined };
        }
        const to = change.fields.severity;
        const severityPlan =
          to && lookup && isOpenPhase(current.phase)
            ? this.plan(current, current.severity, to, lookup, {
                now,
                pageId,
                ownerGroupRefs,
              })
            : undefined;
        const joins = joining
          ? planFlagJoins(current, raisedFlags(current, change.fields), {
              ...joining,
              now,
              acknowledgeMinutes: acknowledgeMinutes(
                policy,
                to ?? current.severity,
              ),
              newId,
            })
          : undefined;
        const pages = [...(severityPlan?.pages ?? []), ...(joins?.pages ?? [])];
        return {
          change: {
            fields: change.fields,
            timeline: [
              ...change.timeline,
              ...(severityPlan?.timeline ?? []),
              ...(joins?.timeline ?? []),
            ],
            effects: [
              ...(severityPlan?.pages ?? []).flatMap(page =>
                pageNotice({ ...current, severity: to! }, page),
              ),
              ...(joins?.effects ?? []),
            ],
          },
          roles: [...(severityPlan?.roles ?? []), ...(joins?.roles ?? [])],
          pages,
          clearBacklog: severityPlan?.clearBacklog,
          result: undefined,
        };
      },
    );
    return { incident, entries };
  }

  /** Who holds which role, and the on-call of each role group, for specialists joining. */
  private async lookUpJoiners(
    incidentId: string,
    context: { now: Date; credentials: BackstageCredentials },
  ) {
    const { roles, roleGroups, onCall, logger } = this.deps;
    const heldRoles = (await roles.listRoles(incidentId)).map(h => h.role);
    const groups = [...roleGroups.values()];
    const answers = new Map<string, string | undefined>();
    if (groups.length > 0) {
      try {
        const resolved = await onCall.forGroups(
          groups,
          context.now,
          context.credentials,
        );
        for (const [group, answer] of resolved) {
          answers.set(group, answer.currentUserRef);
        }
      } catch (error) {
        // Raising a flag must not depend on the roster: the whole group is paged instead.
        logger.warn(`On-call lookup failed: ${(error as Error).message}`);
      }
    }
    return { heldRoles, roleGroups, onCall: answers };
  }

  /**
   * For alert ingestion: the facts a severity raise into SEV1/SEV2 needs (the platform
   * on-call), gathered before the alerts' write, and the pure planner that write calls for
   * each incident it raises, so the commander is reassessed in the same transaction. Nothing
   * to gather when no alert of the delivery can raise that high.
   */
  async raisePlanner(
    alerts: PreparedAlert[],
    credentials: BackstageCredentials,
    now: Date,
  ): Promise<RaisePlanner | undefined> {
    const high = alerts.some(
      a =>
        !a.statusOnly &&
        a.action === 'fire' &&
        (a.rule.severity === 'SEV1' || a.rule.severity === 'SEV2'),
    );
    if (!high) {
      return undefined;
    }
    const lookup = await this.lookUp({
      from: 'SEV4',
      to: 'SEV1',
      // A raise reaches SEV1 or SEV2: the rule for SEV2 weighs SEV2 commands too.
      downTo: 'SEV2',
      ownerGroupRefs: [],
      incidentId: '',
      credentials,
      now,
    });
    const newId = this.deps.newId ?? randomUUID;
    return (incident, from, to) => {
      const plan = this.plan(
        { ...incident, entities: [] } as unknown as Incident,
        from,
        to,
        lookup,
        { now, pageId: newId(), ownerGroupRefs: incident.ownerGroupRefs },
      );
      return {
        ...plan,
        effects: plan.pages.flatMap(page => pageNotice(incident, page)),
      };
    };
  }

  private plan(
    current: Incident,
    from: Severity,
    to: Severity,
    lookup: Lookup,
    context: { now: Date; pageId: string; ownerGroupRefs: string[] },
  ): SeverityChangePlan {
    const { assignment, policy } = this.deps;
    const { now, pageId } = context;
    const planContext = {
      severity: to,
      title: current.title,
      now,
      pageId,
      acknowledgeMinutes: acknowledgeMinutes(policy, to),
    };
    if (lookup.failed) {
      return planSeverityChange(
        {
          kind: 'note',
          reason: `Severity changed ${from} → ${to}, but the on-call lookup failed; check the incident commander by hand`,
        },
        planContext,
      );
    }
    return planSeverityChange(
      reassessIncidentCommander({
        from,
        to,
        now,
        commanderRef: current.commanderRef,
        ownerGroupRefs: context.ownerGroupRefs,
        platformGroupRef: assignment.platformGroupRef,
        platformOnCall: lookup.platformOnCall,
        ownerOnCall: lookup.ownerOnCall,
        openCommandedIncidents: lookup.openCommandedIncidents,
        businessHours: assignment.businessHours,
      }),
      planContext,
    );
  }

  /** The on-call answers and busy commanders the new severity's rule needs, before the lock. */
  private async lookUp(options: {
    from: Severity;
    to: Severity;
    /** The least severe commands the rule may weigh (`to` unless the plan is for several). */
    downTo?: Severity;
    ownerGroupRefs: string[];
    incidentId: string;
    credentials: BackstageCredentials;
    now: Date;
  }): Promise<Lookup> {
    const needed = onCallGroupsForSeverityChange({
      from: options.from,
      to: options.to,
      ownerGroupRefs: options.ownerGroupRefs,
      platformGroupRef: this.deps.assignment.platformGroupRef,
    });
    const groups = [needed.platformGroupRef, needed.ownerGroupRef].filter(
      (g): g is string => Boolean(g),
    );
    if (groups.length === 0) {
      return { openCommandedIncidents: [] };
    }
    try {
      const onCall = await this.deps.onCall.forGroups(
        groups,
        options.now,
        options.credentials,
      );
      const snapshot = (groupRef: string | undefined) =>
        groupRef ? onCall.get(refKey(groupRef))?.result : undefined;
      const platformOnCall = snapshot(needed.platformGroupRef);
      const ownerOnCall = snapshot(needed.ownerGroupRef);
      return {
        platformOnCall,
        ownerOnCall,
        openCommandedIncidents: await this.deps.roles.openCommandedIncidents({
          userRefs: onCallCandidates(platformOnCall, ownerOnCall),
          exceptIncidentId: options.incidentId,
          // The rule weighs only incidents at least as severe as the new severity.
          downTo: options.downTo ?? options.to,
        }),
      };
    } catch (error) {
      // Changing the severity must not depend on the roster being reachable.
      this.deps.logger.warn(
        `Incident commander reassessment failed: ${(error as Error).message}`,
      );
      return { failed: true, openCommandedIncidents: [] };
    }
  }
}

export interface Lookup {
  failed?: boolean;
  platformOnCall?: OnCallSnapshot;
  ownerOnCall?: OnCallSnapshot;
  openCommandedIncidents: CommandedIncident[];
}

function versionOf(context: { expectedVersion?: number }) {
  return context.expectedVersion === undefined
    ? {}
    : { expectedVersion: context.expectedVersion };
}
