import {
  refKey,
  Severity,
  severityRank,
} from '@firebreak/plugin-incidents-common';
import {
  AssignIncidentCommanderInput,
  IncidentCommanderAssignment,
  assignIncidentCommander,
  onCallGroupsToResolve,
} from './assignIncidentCommander';

export interface ReassessIncidentCommanderInput
  extends Omit<AssignIncidentCommanderInput, 'severity'> {
  /** Severity before the change. */
  from: Severity;
  /** Severity after the change. */
  to: Severity;
  /** The incident's commander now, if any. */
  commanderRef?: string;
}

/**
 * What a severity change does to the incident commander:
 *
 * - `unchanged`: nothing to write beyond the severity change.
 * - `note`: the incident commander stays; `reason` goes on the timeline.
 * - `assign`: `assignment` (a `commander`) takes over from `previousCommanderRef`, if any; any
 *   pending SEV4 backlog hand-over is cleared. `reason` says why.
 */
export type IncidentCommanderReassessment =
  | { kind: 'unchanged' }
  | { kind: 'note'; reason: string }
  | {
      kind: 'assign';
      assignment: Extract<IncidentCommanderAssignment, { kind: 'commander' }>;
      previousCommanderRef?: string;
      reason: string;
    };

const isHigh = (severity: Severity) =>
  severity === 'SEV1' || severity === 'SEV2';
const short = (ref: string) =>
  ref.replace(/^[^:/]+:/, '').replace(/^default\//i, '');

/**
 * Which on-call answers {@link reassessIncidentCommander} needs: those of the rule for the new
 * severity, and only when the change raises the severity out of SEV3/SEV4 or out of SEV4.
 */
export function onCallGroupsForSeverityChange(options: {
  from: Severity;
  to: Severity;
  ownerGroupRefs: string[];
  platformGroupRef: string;
}): { platformGroupRef?: string; ownerGroupRef?: string } {
  const raised = severityRank(options.to) < severityRank(options.from);
  if (!raised || isHigh(options.from)) {
    return {};
  }
  return onCallGroupsToResolve({
    severity: options.to,
    ownerGroupRefs: options.ownerGroupRefs,
    platformGroupRef: options.platformGroupRef,
  });
}

/**
 * Re-applies the spec's "Incident Commander Assignment" when the severity of an open incident
 * changes (see {@link assignIncidentCommander} for the rules at declaration):
 *
 * - raised into SEV1/SEV2 from SEV3/SEV4: the platform reliability on-call takes over, unless
 *   they already command the incident;
 * - raised from SEV4 to SEV3 without an incident commander: the owning team's on-call (with
 *   the SEV3 deferral) is assigned and the backlog hand-over is dropped;
 * - lowered: the incident commander always stays; lowering to SEV4 says so on the timeline.
 *
 * When nobody can be assigned, the current state stays and the timeline says why. Pure: the
 * caller resolves on-call answers ({@link onCallGroupsForSeverityChange}) and passes the time.
 */
export function reassessIncidentCommander(
  input: ReassessIncidentCommanderInput,
): IncidentCommanderReassessment {
  const { from, to, commanderRef } = input;
  const change = severityRank(to) - severityRank(from);
  if (change === 0) {
    return { kind: 'unchanged' };
  }
  if (change > 0) {
    if (to === 'SEV4' && commanderRef) {
      return {
        kind: 'note',
        reason: `Severity lowered ${from} → ${to}: ${to} would normally have no incident commander; ${short(
          commanderRef,
        )} stays incident commander`,
      };
    }
    return { kind: 'unchanged' };
  }

  const raisedBy = `Severity raised ${from} → ${to}`;
  let rule: string;
  if (isHigh(to) && !isHigh(from)) {
    const platformGroupRef = input.platformGroupRef;
    const onCallRef = input.platformOnCall?.current?.userRef;
    if (
      commanderRef &&
      onCallRef &&
      refKey(commanderRef) === refKey(onCallRef)
    ) {
      return { kind: 'unchanged' };
    }
    rule = `${to} is commanded by the on-call of ${short(platformGroupRef)}`;
  } else if (to === 'SEV3' && from === 'SEV4' && !commanderRef) {
    rule = `${to} is commanded by the on-call of the owning team`;
  } else {
    return { kind: 'unchanged' };
  }

  const assignment = assignIncidentCommander({
    ...input,
    severity: to,
  });
  if (assignment.kind !== 'commander') {
    const stays = commanderRef
      ? `; ${short(commanderRef)} stays incident commander`
      : '';
    return {
      kind: 'note',
      reason: `${raisedBy}, but no incident commander could be assigned: ${assignment.reason}${stays}`,
    };
  }
  if (commanderRef && refKey(commanderRef) === refKey(assignment.userRef)) {
    return { kind: 'unchanged' };
  }
  return {
    kind: 'assign',
    assignment,
    ...(commanderRef ? { previousCommanderRef: commanderRef } : {}),
    reason: `${raisedBy}: ${rule}`,
  };
}
