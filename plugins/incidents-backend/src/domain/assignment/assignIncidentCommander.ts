import {
  refKey,
  Severity,
  severityRank,
  shortRef,
} from '@firebreak/plugin-incidents-common';
import { BusinessHours, nextBusinessHoursStart } from './businessHours';
import { formatTime } from '../response/time';

/**
 * The part of an on-call answer the policy reads. `OnCallResult` from
 * `@firebreak/plugin-incidents-node` satisfies it as is.
 */
export interface OnCallSnapshot {
  groupRef: string;
  current: { userRef: string } | undefined;
  /** User refs from the person on call now onwards. */
  rotation: readonly string[];
}

/**
 * The people an assignment may weigh (who is on call now and the rest of each rotation), so
 * that only their open commands need reading, not every open incident's.
 */
export function onCallCandidates(
  ...snapshots: (OnCallSnapshot | undefined)[]
): string[] {
  const refs = new Map<string, string>();
  for (const snapshot of snapshots) {
    for (const ref of [
      ...(snapshot?.current ? [snapshot.current.userRef] : []),
      ...(snapshot?.rotation ?? []),
    ]) {
      refs.set(refKey(ref), ref);
    }
  }
  return [...refs.values()];
}

/** An open incident that someone already commands. */
export interface CommandedIncident {
  userRef: string;
  /** Human id, `INC-12`. */
  incidentRef: string;
  severity: Severity;
  /** Restricted: never named in another incident's text (timeline, role note). */
  restricted?: boolean;
  /**
   * How many more open incidents of the same severity and restriction this person commands
   * that are not listed (their numbers are higher): a store reads a storm's thousands as a
   * few rows and a count. The notes name the first few only, so nothing is lost.
   */
  also?: number;
  /** `also` is a lower bound: the store stopped counting (a storm's commander). */
  alsoAtLeast?: boolean;
}

/** How many open incidents an entry stands for: itself and the ones it says it also has. */
function counted(incidents: readonly CommandedIncident[]): number {
  return incidents.reduce((sum, incident) => sum + 1 + (incident.also ?? 0), 0);
}

export interface AssignIncidentCommanderInput {
  /** Severity of the incident being declared. */
  severity: Severity;
  /** The declaration time, from the service clock. */
  now: Date;
  /** Owning groups of the affected entities, the primary owner first. */
  ownerGroupRefs: string[];
  /** On-call of `platformGroupRef`; needed for SEV1 and SEV2 (see {@link onCallGroupsToResolve}). */
  platformOnCall?: OnCallSnapshot;
  /** On-call of `ownerGroupRefs[0]`; needed for SEV3. */
  ownerOnCall?: OnCallSnapshot;
  /** Incident commanders of the other open incidents. */
  openCommandedIncidents: readonly CommandedIncident[];
  businessHours: BusinessHours;
  /** The group whose on-call commands SEV1 and SEV2 incidents (from config). */
  platformGroupRef: string;
}

/**
 * The outcome, with a `reason` to record on the incident timeline when anything is noteworthy.
 *
 * - `commander`: make `userRef` incident commander now and notify them. `deferredFrom` is the
 *   on-call engineer who was passed over.
 * - `backlog`: no incident commander; the incident goes to `ownerGroupRef`'s backlog at
 *   `assignAt` (now, or when business hours next begin).
 * - `unassigned`: nobody could be found; `reason` says why.
 */
export type IncidentCommanderAssignment =
  | {
      kind: 'commander';
      userRef: string;
      groupRef: string;
      reason?: string;
      deferredFrom?: string;
    }
  | { kind: 'backlog'; ownerGroupRef: string; assignAt: Date; reason: string }
  | { kind: 'unassigned'; reason: string };

/** Which on-call answers {@link assignIncidentCommander} needs for a severity. */
export function onCallGroupsToResolve(options: {
  severity: Severity;
  ownerGroupRefs: string[];
  platformGroupRef: string;
}): { platformGroupRef?: string; ownerGroupRef?: string } {
  switch (options.severity) {
    case 'SEV1':
    case 'SEV2':
      return {
        platformGroupRef: options.platformGroupRef,
      };
    case 'SEV3':
      return options.ownerGroupRefs.length
        ? { ownerGroupRef: options.ownerGroupRefs[0] }
        : {};
    default:
      return {};
  }
}

/** INC-12 → 12; a reference without a number sorts last. */
function refNumber(ref: string): number {
  const n = Number(/(\d+)$/.exec(ref)?.[1]);
  return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
}

/**
 * The `count` most severe, then INC-9 before INC-10: the keys read once per incident, so that
 * a commander of a storm's hundreds of incidents costs one pass, not a sort of parsed refs.
 */
function mostSevere(
  incidents: readonly CommandedIncident[],
  count: number,
): CommandedIncident[] {
  return incidents
    .map(incident => ({
      incident,
      rank: severityRank(incident.severity),
      number: refNumber(incident.incidentRef),
    }))
    .sort((a, b) => a.rank - b.rank || a.number - b.number)
    .slice(0, count)
    .map(keyed => keyed.incident);
}

function commandsByUser(
  incidents: readonly CommandedIncident[],
  include: (incident: CommandedIncident) => boolean,
): Map<string, CommandedIncident[]> {
  const byUser = new Map<string, CommandedIncident[]>();
  for (const incident of incidents.filter(include)) {
    const key = refKey(incident.userRef);
    const list = byUser.get(key);
    if (list) list.push(incident);
    else byUser.set(key, [incident]);
  }
  return byUser;
}

/**
 * How many of someone's other incidents a timeline note names: a store need list no more per
 * person and severity (see {@link CommandedIncident.also}).
 */
export const NAMED_COMMANDS = 3;

function describeCommands(
  userRef: string,
  incidents: CommandedIncident[],
): string {
  const named = incidents.filter(incident => !incident.restricted);
  if (named.length === 0) {
    return `${shortRef(userRef)} is IC of another incident`;
  }
  // The most severe first; a commander of many incidents (a storm) is not listed in full.
  const shown = mostSevere(named, NAMED_COMMANDS).map(
    incident => `${incident.incidentRef} (${incident.severity})`,
  );
  const more = counted(named) - shown.length;
  const atLeast = named.some(incident => incident.alsoAtLeast)
    ? 'at least '
    : '';
  const list =
    more > 0
      ? `${shown.join(', ')} and ${atLeast}${more} more`
      : shown.join(', ');
  return `${shortRef(userRef)} is IC of ${list}`;
}

function noOnCall(groupRef: string, onCall: OnCallSnapshot | undefined) {
  return {
    kind: 'unassigned' as const,
    reason: onCall
      ? `nobody is on call for ${groupRef}`
      : `no on-call schedule found for ${groupRef}`,
  };
}

function assignPlatformOnCall(
  input: AssignIncidentCommanderInput,
): IncidentCommanderAssignment {
  const groupRef = input.platformGroupRef;
  const userRef = input.platformOnCall?.current?.userRef;
  if (!userRef) {
    return noOnCall(groupRef, input.platformOnCall);
  }
  // The spec assigns the platform on-call immediately, busy or not; the timeline says so.
  const rank = severityRank(input.severity);
  const busyWith = commandsByUser(
    input.openCommandedIncidents,
    incident => severityRank(incident.severity) <= rank,
  ).get(refKey(userRef));
  return {
    kind: 'commander',
    userRef,
    groupRef,
    ...(busyWith
      ? {
          reason: `${describeCommands(
            userRef,
            busyWith,
          )} already; assigned anyway as the platform reliability on-call`,
        }
      : {}),
  };
}

function assignOwnerOnCall(
  input: AssignIncidentCommanderInput,
): IncidentCommanderAssignment {
  const onCall = input.ownerOnCall;
  const groupRef = onCall?.groupRef ?? input.ownerGroupRefs[0];
  if (!groupRef) {
    return {
      kind: 'unassigned',
      reason: 'no affected entity has an owning group to take the incident',
    };
  }
  const onCallUserRef = onCall?.current?.userRef;
  if (!onCall || !onCallUserRef) {
    return noOnCall(groupRef, onCall);
  }

  const rank = severityRank(input.severity);
  const busy = commandsByUser(
    input.openCommandedIncidents,
    incident => severityRank(incident.severity) < rank,
  );
  const candidates: string[] = [];
  const seen = new Set<string>();
  for (const ref of [onCallUserRef, ...onCall.rotation]) {
    if (!seen.has(refKey(ref))) {
      seen.add(refKey(ref));
      candidates.push(ref);
    }
  }

  const passedOver: string[] = [];
  for (const candidate of candidates) {
    const commands = busy.get(refKey(candidate));
    if (!commands) {
      if (passedOver.length === 0) {
        return { kind: 'commander', userRef: candidate, groupRef };
      }
      return {
        kind: 'commander',
        userRef: candidate,
        groupRef,
        deferredFrom: onCallUserRef,
        reason: `${passedOver.join('; ')}; deferred to ${shortRef(candidate)}`,
      };
    }
    passedOver.push(describeCommands(candidate, commands));
  }

  return {
    kind: 'commander',
    userRef: onCallUserRef,
    groupRef,
    reason: `${passedOver.join(
      '; ',
    )}; everyone in the rotation commands a more severe incident, so ${shortRef(
      onCallUserRef,
    )} stays assigned`,
  };
}

function assignToBacklog(
  input: AssignIncidentCommanderInput,
): IncidentCommanderAssignment {
  const ownerGroupRef = input.ownerGroupRefs[0];
  if (!ownerGroupRef) {
    return {
      kind: 'unassigned',
      reason:
        'no affected entity has an owning group whose backlog could track it',
    };
  }
  const assignAt = nextBusinessHoursStart(input.now, input.businessHours);
  const inside = assignAt.getTime() === input.now.getTime();
  return {
    kind: 'backlog',
    ownerGroupRef,
    assignAt,
    reason: inside
      ? `${input.severity} has no incident commander; tracked in the backlog of ${ownerGroupRef}`
      : `${
          input.severity
        } has no incident commander; tracked in the backlog of ${ownerGroupRef} from ${formatTime(
          assignAt,
        )}, when business hours begin`,
  };
}

/**
 * Who commands a newly declared incident, per the spec's "Incident Commander Assignment":
 *
 * - SEV1/SEV2: the platform reliability on-call, immediately.
 * - SEV3: the owning team's on-call is notified and assigned, but defers to the next person in
 *   the rotation while commanding an open incident of higher severity; if everyone does, the
 *   on-call stays assigned.
 * - SEV4: no incident commander; the owning team's backlog takes it during business hours.
 *
 * Pure: the caller resolves on-call answers ({@link onCallGroupsToResolve}) and passes the time.
 */
export function assignIncidentCommander(
  input: AssignIncidentCommanderInput,
): IncidentCommanderAssignment {
  switch (input.severity) {
    case 'SEV1':
    case 'SEV2':
      return assignPlatformOnCall(input);
    case 'SEV3':
      return assignOwnerOnCall(input);
    case 'SEV4':
      return assignToBacklog(input);
    default:
      throw new TypeError(`Unknown severity '${String(input.severity)}'`);
  }
}
