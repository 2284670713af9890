import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  Incident,
  IncidentPolicy,
  Severity,
  isOpenPhase,
} from '@firebreak/plugin-incidents-common';
import { randomUUID } from 'node:crypto';
import {
  DatabaseRolesStore,
  LastSeverityChange,
} from '../database/DatabaseRolesStore';
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
  onCallGroupsForSeverityChange,
  reassessIncidentCommander,
} from '../domain/assignment';
import {
  SYSTEM_ACTOR,
  SeverityChangePlan,
  owningGroups,
  planSeverityChange,
} from '../domain/response';
import { IncidentChangeEvent, IncidentEvents } from '../events/IncidentEvents';
import { OnCallResolver } from '../oncall/OnCallResolver';
import { ResponseNotifier } from '../paging/ResponseNotifier';
import { Clock } from '../service/clock';
import { acknowledgeMinutes } from './CommanderAssigner';

const key = (ref: string) => ref.toLocaleLowerCase('en-US');

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
      notifier: ResponseNotifier;
      assignment: AssignmentPolicy;
      policy: IncidentPolicy;
      logger: LoggerService;
      auth: AuthService;
      clock: Clock;
      /** Signals the reassessment after an alert raised the severity. */
      events?: IncidentEvents;
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
    const { roles, notifier } = this.deps;
    const { now } = context;
    const before = await this.deps.incidents.getIncident(incidentKey);
    if (!before) {
      throw new NotFoundError('Incident not found');
    }
    const ownerGroupRefs = owningGroups(before.entities);
    const lookup =
      edits.severity === undefined
        ? undefined
        : await this.lookUp({
            from: before.severity,
            to: edits.severity,
            ownerGroupRefs,
            incidentId: before.id,
            credentials: context.credentials,
            now,
          });
    const pageId = (this.deps.newId ?? randomUUID)();

    const { incident, entries, result } = await roles.mutateWithResponse<
      SeverityChangePlan | undefined
    >(
      incidentKey,
      { actor: context.actor, at: now.toISOString(), ...versionOf(context) },
      current => {
        const change = decideUpdate(current, edits);
        const to = change?.fields.severity;
        if (!change || !to || !lookup || !isOpenPhase(current.phase)) {
          return { change, result: undefined };
        }
        const plan = this.plan(current, current.severity, to, lookup, {
          now,
          pageId,
          ownerGroupRefs,
        });
        return {
          change: {
            fields: change.fields,
            timeline: [...change.timeline, ...plan.timeline],
          },
          roles: plan.roles,
          pages: plan.pages,
          clearBacklog: plan.clearBacklog,
          result: plan,
        };
      },
    );
    for (const page of result?.pages ?? []) {
      await notifier.page(incident, page);
    }
    return { incident, entries };
  }

  /**
   * After-commit listener for severity raised by alerts: the alerts module raises it in its own
   * transaction, so the commander is reassessed right after, in a second one, once per raise
   * (under the incident's lock; skipped when already reassessed or changed since).
   */
  readonly onIncidentChanged = async (event: IncidentChangeEvent) => {
    // Edits through the API carry their entries and are reassessed in their own transaction.
    if (event.kind !== 'updated' || event.entries?.length) {
      return;
    }
    const isPendingAlertRaise = (
      last: LastSeverityChange | undefined,
      severity: Severity,
    ): last is LastSeverityChange =>
      Boolean(
        last &&
          last.source === 'alert' &&
          !last.reassessed &&
          last.after === severity,
      );
    const { incidents, roles, notifier, events, auth, clock } = this.deps;
    const before = await incidents.getIncident({ id: event.incident.id });
    if (!before || !isOpenPhase(before.phase)) {
      return;
    }
    const last = await roles.lastSeverityChange(before.id);
    if (!isPendingAlertRaise(last, before.severity)) {
      return;
    }
    const now = clock.now();
    const ownerGroupRefs = owningGroups(before.entities);
    const lookup = await this.lookUp({
      from: last.before,
      to: last.after,
      ownerGroupRefs,
      incidentId: before.id,
      credentials: await auth.getOwnServiceCredentials(),
      now,
    });
    const pageId = (this.deps.newId ?? randomUUID)();
    const { incident, result } = await roles.mutateWithResponse<
      SeverityChangePlan | undefined
    >(
      { id: before.id },
      { actor: SYSTEM_ACTOR, at: now.toISOString() },
      (current, lastUnderLock) => {
        if (
          !isOpenPhase(current.phase) ||
          !isPendingAlertRaise(lastUnderLock, current.severity)
        ) {
          return { result: undefined };
        }
        const plan = this.plan(
          current,
          lastUnderLock.before,
          lastUnderLock.after,
          lookup,
          { now, pageId, ownerGroupRefs },
        );
        if (plan.timeline.length === 0) {
          return { result: undefined };
        }
        return {
          change: { fields: {}, timeline: plan.timeline },
          roles: plan.roles,
          pages: plan.pages,
          clearBacklog: plan.clearBacklog,
          result: plan,
        };
      },
      { withLastSeverityChange: true },
    );
    if (!result) {
      return;
    }
    for (const page of result.pages) {
      await notifier.page(incident, page);
    }
    await events?.publish({ incident, kind: 'roles', actor: SYSTEM_ACTOR });
  };

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
      const [onCall, commanded] = await Promise.all([
        this.deps.onCall.forGroups(groups, options.now, options.credentials),
        this.deps.roles.openCommandedIncidents(options.incidentId),
      ]);
      const snapshot = (groupRef: string | undefined) =>
        groupRef ? onCall.get(key(groupRef))?.result : undefined;
      return {
        platformOnCall: snapshot(needed.platformGroupRef),
        ownerOnCall: snapshot(needed.ownerGroupRef),
        openCommandedIncidents: commanded,
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

interface Lookup {
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
