import { OnCallPage, refKey } from '@firebreak/plugin-incidents-common';
import { IncidentFieldChanges, NewPage, NewTimelineEntry } from '../types';
import { sameRef, shortRef } from './names';

/** What paging needs to know about a group. */
export interface GroupOnCallInfo {
  groupRef: string;
  /** Who is on call now (undefined when nobody or no schedule). */
  currentUserRef?: string;
  /** From the person on call now onwards. */
  rotation: string[];
  /** The group's lead (`firebreak.io/lead`). */
  leadRef?: string;
}

/** One recipient of a page: the on-call (or someone named) for a group, or a whole group. */
export interface PageTarget {
  groupRef?: string;
  userRef?: string;
  /** Why the target is what it is, e.g. the group has no on-call. */
  note?: string;
}

/**
 * Whom a page request reaches. Without groups or people named, the owning groups of the
 * affected entities are paged. A group is reached through its on-call, or as a whole when
 * asked to or when nobody is on call.
 */
export function planPageTargets(
  request: { groupRefs?: string[]; userRefs?: string[]; wholeGroup?: boolean },
  context: {
    ownerGroupRefs: string[];
    onCall: ReadonlyMap<string, GroupOnCallInfo>;
  },
): { ok: true; targets: PageTarget[] } | { ok: false; problem: string } {
  const named = Boolean(request.groupRefs?.length || request.userRefs?.length);
  const groups = named ? request.groupRefs ?? [] : context.ownerGroupRefs;
  if (!named && groups.length === 0) {
    return {
      ok: false,
      problem:
        'no affected entity has an owning group to page; name groupRefs or userRefs',
    };
  }

  const targets: PageTarget[] = [];
  const seen = new Set<string>();
  const add = (target: PageTarget) => {
    const id = `${refKey(target.groupRef ?? '')}|${refKey(
      target.userRef ?? '',
    )}`;
    const personal = target.userRef ? refKey(target.userRef) : undefined;
    if (seen.has(id) || (personal && seen.has(`*|${personal}`))) {
      return;
    }
    seen.add(id);
    if (personal) {
      seen.add(`*|${personal}`);
    }
    targets.push(target);
  };

  for (const groupRef of groups) {
    const info = context.onCall.get(refKey(groupRef));
    if (request.wholeGroup) {
      add({ groupRef });
    } else if (info?.currentUserRef) {
      add({ groupRef, userRef: info.currentUserRef });
    } else {
      add({
        groupRef,
        note: `nobody is on call for ${shortRef(
          groupRef,
        )}, so the whole group is paged`,
      });
    }
  }
  for (const userRef of request.userRefs ?? []) {
    add({ userRef });
  }
  return { ok: true, targets };
}

function describeTarget(target: PageTarget): string {
  if (target.userRef && target.groupRef) {
    return `${shortRef(target.userRef)} (for ${shortRef(target.groupRef)})`;
  }
  if (target.userRef) {
    return shortRef(target.userRef);
  }
  return `the whole group ${shortRef(target.groupRef!)}`;
}

/** The pages to record for the targets, and their timeline entries. */
export function planPages(
  targets: PageTarget[],
  context: {
    reason: string;
    now: Date;
    acknowledgeMinutes: number;
    newId: () => string;
    escalationLevel?: number;
    parentPageId?: string;
  },
): { pages: NewPage[]; timeline: NewTimelineEntry[] } {
  const ackDueAt = new Date(
    context.now.getTime() + context.acknowledgeMinutes * 60_000,
  ).toISOString();
  const pages: NewPage[] = [];
  const timeline: NewTimelineEntry[] = [];
  for (const target of targets) {
    const page: NewPage = {
      id: context.newId(),
      ...(target.groupRef ? { targetGroupRef: target.groupRef } : {}),
      ...(target.userRef ? { targetUserRef: target.userRef } : {}),
      reason: context.reason,
      ackDueAt,
      escalationLevel: context.escalationLevel ?? 0,
      ...(context.parentPageId ? { parentPageId: context.parentPageId } : {}),
    };
    pages.push(page);
    timeline.push({
      kind: 'page',
      body: `Paged ${describeTarget(target)}: ${context.reason}${
        target.note ? ` (${target.note})` : ''
      }`,
      details: {
        pageId: page.id,
        ...(target.groupRef ? { targetGroupRef: target.groupRef } : {}),
        ...(target.userRef ? { targetUserRef: target.userRef } : {}),
        reason: context.reason,
        ackDueAt,
        escalationLevel: page.escalationLevel,
        ...(context.parentPageId ? { parentPageId: context.parentPageId } : {}),
      },
    });
  }
  return { pages, timeline };
}

export type PageAckDecision =
  | { outcome: 'unchanged' }
  | { outcome: 'forbidden'; message: string }
  | {
      outcome: 'acknowledge';
      fields: IncidentFieldChanges;
      timeline: NewTimelineEntry[];
    };

/**
 * Acknowledging a page. A personal page is acknowledged by the person paged; a page to a whole
 * group by any of its members. When the acknowledger commands the incident, the incident's
 * acknowledged time (the clock of the SLA table) is set, once.
 */
export function decidePageAcknowledge(
  page: Pick<
    OnCallPage,
    'id' | 'targetUserRef' | 'targetGroupRef' | 'acknowledgedAt' | 'status'
  >,
  context: {
    actor: string;
    /** Groups the actor belongs to (their ownership refs). */
    actorGroupRefs: string[];
    now: Date;
    commanderRef?: string;
    incidentAcknowledgedAt?: string;
  },
): PageAckDecision {
  if (page.acknowledgedAt) {
    return { outcome: 'unchanged' };
  }
  const addressedToActor = page.targetUserRef
    ? sameRef(page.targetUserRef, context.actor)
    : context.actorGroupRefs.some(ref => sameRef(ref, page.targetGroupRef));
  if (!addressedToActor) {
    return {
      outcome: 'forbidden',
      message: page.targetUserRef
        ? `Page ${page.id} is addressed to ${page.targetUserRef}; only they can acknowledge it`
        : `Page ${page.id} is addressed to ${page.targetGroupRef}; only its members can acknowledge it`,
    };
  }
  const at = context.now.toISOString();
  const byCommander = sameRef(context.commanderRef, context.actor);
  const setsClock = byCommander && !context.incidentAcknowledgedAt;
  return {
    outcome: 'acknowledge',
    fields: setsClock ? { acknowledgedAt: at } : {},
    timeline: [
      {
        kind: 'page',
        body: `${shortRef(context.actor)} acknowledged the page${
          page.status === 'escalated' ? ' (after it escalated)' : ''
        }${setsClock ? '; incident acknowledged by its commander' : ''}`,
        details: {
          pageId: page.id,
          acknowledged: true,
          ...(setsClock ? { incidentAcknowledged: true } : {}),
        },
      },
    ],
  };
}

export type EscalationStep =
  | {
      kind: 'page';
      userRef: string;
      level: number;
      via: 'next-on-call' | 'lead';
    }
  | { kind: 'stop'; reason: string };

/**
 * Where an unacknowledged page goes: from the first page to the next person on call, then to
 * the group's lead (`firebreak.io/lead`); after the lead, or without one, escalation stops.
 * People already paged in this chain are skipped.
 */
export function chooseEscalation(
  page: Pick<
    OnCallPage,
    'targetUserRef' | 'targetGroupRef' | 'escalationLevel'
  >,
  group: GroupOnCallInfo | undefined,
  alreadyPaged: string[],
): EscalationStep {
  if (!page.targetGroupRef) {
    return {
      kind: 'stop',
      reason:
        'the page named a person, not a group, so there is no one to escalate to',
    };
  }
  const groupName = shortRef(page.targetGroupRef);
  const paged = (ref: string) =>
    alreadyPaged.some(other => sameRef(other, ref)) ||
    sameRef(ref, page.targetUserRef);

  if (page.escalationLevel === 0 && page.targetUserRef && group) {
    const rotation = group.rotation;
    const position = rotation.findIndex(ref =>
      sameRef(ref, page.targetUserRef),
    );
    const candidates =
      position >= 0
        ? [...rotation.slice(position + 1), ...rotation.slice(0, position)]
        : rotation;
    const next = candidates.find(ref => !paged(ref));
    if (next) {
      return { kind: 'page', userRef: next, level: 1, via: 'next-on-call' };
    }
  }
  if (page.escalationLevel >= 2) {
    return {
      kind: 'stop',
      reason: `the lead of ${groupName} did not acknowledge either; escalation stops`,
    };
  }
  if (!group?.leadRef) {
    return {
      kind: 'stop',
      reason: `${groupName} has no lead (annotation firebreak.io/lead), so escalation stops`,
    };
  }
  if (paged(group.leadRef)) {
    return {
      kind: 'stop',
      reason: `the lead of ${groupName} (${shortRef(
        group.leadRef,
      )}) was already paged; escalation stops`,
    };
  }
  return { kind: 'page', userRef: group.leadRef, level: 2, via: 'lead' };
}
