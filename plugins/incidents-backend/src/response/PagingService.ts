import {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  Incident,
  IncidentPolicy,
  OnCallPage,
} from '@firebreak/plugin-incidents-common';
import { randomUUID } from 'node:crypto';
import {
  DatabasePagesStore,
  ListPagesOptions,
} from '../database/DatabasePagesStore';
import { IncidentKey, IncidentsStore } from '../database/IncidentsStore';
import {
  decidePageAcknowledge,
  owningGroups,
  pageNotice,
  planPageTargets,
  planPages,
} from '../domain/response';
import { OnCallResolver } from './OnCallResolver';
import { acknowledgeMinutes } from './CommanderAssigner';
import { Clock } from '../domain/clock';

export interface PageRequest {
  groupRefs?: string[];
  userRefs?: string[];
  wholeGroup?: boolean;
  reason: string;
}

/**
 * "Page owners" and friends: records who paged whom, when and why, with the notification of
 * each target, in one transaction (the notifications leave through the outbox).
 * Acknowledgements by the incident commander set the incident's acknowledged time.
 */
export class PagingService {
  private readonly newId: () => string;

  constructor(
    private readonly deps: {
      incidents: IncidentsStore;
      pages: DatabasePagesStore;
      onCall: OnCallResolver;
      policy: IncidentPolicy;
      userInfo: UserInfoService;
      clock: Clock;
      newId?: () => string;
    },
  ) {
    this.newId = deps.newId ?? randomUUID;
  }

  async page(
    key: IncidentKey,
    request: PageRequest,
    context: { actor: string; credentials: BackstageCredentials },
  ): Promise<{ incident: Incident; pages: OnCallPage[] }> {
    const { incidents, pages, onCall, policy, clock } = this.deps;
    const incident = await incidents.getIncident(key);
    if (!incident) {
      throw new NotFoundError(
        `Incident ${'id' in key ? key.id : `INC-${key.number}`} not found`,
      );
    }
    const now = clock.now();
    const ownerGroupRefs = owningGroups(incident.entities);
    const named = Boolean(
      request.groupRefs?.length || request.userRefs?.length,
    );
    const groups = named ? request.groupRefs ?? [] : ownerGroupRefs;
    const resolved =
      request.wholeGroup || groups.length === 0
        ? new Map()
        : await onCall.forGroups(groups, now, context.credentials);
    const targets = planPageTargets(request, {
      ownerGroupRefs,
      onCall: resolved,
    });
    if (!targets.ok) {
      throw new InputError(
        `Invalid request body: groupRefs: ${targets.problem}`,
      );
    }

    const { incident: after, result } = await pages.createPages(
      { id: incident.id },
      { actor: context.actor, at: now.toISOString() },
      current => {
        const plan = planPages(targets.targets, {
          reason: request.reason,
          now,
          acknowledgeMinutes: acknowledgeMinutes(policy, current.severity),
          newId: this.newId,
        });
        return {
          ...plan,
          effects: plan.pages.flatMap(page => pageNotice(current, page)),
        };
      },
    );
    return { incident: after, pages: result };
  }

  async acknowledge(
    pageId: string,
    context: { actor: string; credentials: BackstageCredentials },
  ): Promise<OnCallPage> {
    const { pages, userInfo, clock } = this.deps;
    const { ownershipEntityRefs } = await userInfo.getUserInfo(
      context.credentials,
    );
    const now = clock.now();
    const { result } = await pages.acknowledge(
      pageId,
      { actor: context.actor, at: now.toISOString() },
      (page, current) => {
        const decision = decidePageAcknowledge(page, {
          actor: context.actor,
          actorGroupRefs: ownershipEntityRefs,
          now,
          commanderRef: current.commanderRef,
          incidentAcknowledgedAt: current.acknowledgedAt,
        });
        if (decision.outcome === 'forbidden') {
          throw new NotAllowedError(decision.message);
        }
        return decision;
      },
    );
    return result.page;
  }

  listForIncident(incidentId: string): Promise<OnCallPage[]> {
    return this.deps.pages.listIncidentPages(incidentId);
  }

  /** Pages to the caller, or to a group they belong to as a whole. */
  async listMine(
    credentials: BackstageCredentials,
    options: Omit<ListPagesOptions, 'userRefs' | 'groupRefs'>,
  ): Promise<OnCallPage[]> {
    const info = await this.deps.userInfo.getUserInfo(credentials);
    return this.deps.pages.listPages({
      userRefs: [info.userEntityRef],
      groupRefs: info.ownershipEntityRefs.filter(ref =>
        ref.toLocaleLowerCase('en-US').startsWith('group:'),
      ),
      ...options,
    });
  }

  listAll(
    options: Omit<ListPagesOptions, 'userRefs' | 'groupRefs'>,
  ): Promise<OnCallPage[]> {
    return this.deps.pages.listPages(options);
  }
}
