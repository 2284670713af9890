import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  IncidentPolicy,
  refKey,
  Severity,
} from '@firebreak/plugin-incidents-common';
import {
  AssignmentPolicy,
  CommandedIncident,
  assignIncidentCommander,
  onCallCandidates,
  onCallGroupsToResolve,
} from '../domain/assignment';
import { CommanderPlan, planCommander } from '../domain/response';
import { OnCallResolver } from './OnCallResolver';

/** Minutes to acknowledge a page for an incident of `severity` (the SLA table). */
export function acknowledgeMinutes(
  policy: IncidentPolicy,
  severity: Severity,
): number {
  return (
    policy.severities.find(level => level.id === severity)?.sla
      .acknowledgeMinutes ?? 15
  );
}

/**
 * The spec's "Incident Commander Assignment" at declaration: resolves the on-call the rule
 * needs (the platform group for SEV1/SEV2, the owning team for SEV3), reads who commands the
 * other open incidents, and plans what the declaring transaction writes.
 */
export class CommanderAssigner {
  constructor(
    private readonly deps: {
      onCall: OnCallResolver;
      /** The open incidents these people command, of this severity or more severe. */
      openCommandedIncidents: (
        userRefs: readonly string[],
        downTo: Severity,
      ) => Promise<CommandedIncident[]>;
      assignment: AssignmentPolicy;
      policy: IncidentPolicy;
    },
  ) {}

  async plan(input: {
    severity: Severity;
    title: string;
    ownerGroupRefs: string[];
    now: Date;
    credentials: BackstageCredentials;
    pageId: string;
  }): Promise<CommanderPlan> {
    const { severity, ownerGroupRefs, now } = input;
    const { platformGroupRef, businessHours } = this.deps.assignment;
    const needed = onCallGroupsToResolve({
      severity,
      ownerGroupRefs,
      platformGroupRef,
    });
    const groups = [needed.platformGroupRef, needed.ownerGroupRef].filter(
      (g): g is string => Boolean(g),
    );
    const onCall = groups.length
      ? await this.deps.onCall.forGroups(groups, now, input.credentials)
      : undefined;
    const snapshot = (groupRef: string | undefined) =>
      groupRef ? onCall?.get(refKey(groupRef))?.result : undefined;
    const openCommandedIncidents =
      severity === 'SEV4'
        ? []
        : await this.deps.openCommandedIncidents(
            onCallCandidates(
              snapshot(needed.platformGroupRef),
              snapshot(needed.ownerGroupRef),
            ),
            // The rule weighs only incidents at least as severe as this one.
            severity,
          );

    const assignment = assignIncidentCommander({
      severity,
      now,
      ownerGroupRefs,
      platformGroupRef,
      platformOnCall: snapshot(needed.platformGroupRef),
      ownerOnCall: snapshot(needed.ownerGroupRef),
      openCommandedIncidents,
      businessHours,
    });
    return planCommander(assignment, {
      severity,
      title: input.title,
      now,
      acknowledgeMinutes: acknowledgeMinutes(this.deps.policy, severity),
      pageId: input.pageId,
    });
  }
}
