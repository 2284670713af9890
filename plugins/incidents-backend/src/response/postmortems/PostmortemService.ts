import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ActionItem,
  CloseCheck,
  Incident,
  IncidentPolicy,
  Postmortem,
  PostmortemSections,
  PostmortemStatus,
  ReviewMeeting,
  TRANSITIONS,
  Transition,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import {
  IncidentKey,
  MutationContext,
  MutationResult,
} from '../../database/IncidentsStore';
import { IncidentTransactions } from '../../database/IncidentTransactions';
import {
  DatabasePostmortemsStore,
  WriteContext,
} from '../../database/postmortems/DatabasePostmortemsStore';
import {
  ActionItemEdits,
  NewActionItem,
  actionItemsOfIncident,
  getActionItem,
  insertActionItem,
  updateActionItem,
} from '../../database/postmortems/actionItems';
import {
  readDraftFacts,
  roleHolders,
} from '../../database/postmortems/draftFacts';
import { IncidentChange, NewTimelineEntry } from '../../domain';
import {
  CLOSE_GATED_SEVERITIES,
  buildPostmortemDraft,
  checkClose,
  decideSave,
  draftedNotice,
  reviewMeetingNotice,
  decideStatus,
  formatTime,
  initialSectionVersions,
} from '../../domain/postmortem';

/** How the timeline words a move to each status. */
const STATUS_VERBS: Record<PostmortemStatus, string> = {
  draft: 'sent back to draft',
  in_review: 'submitted for review',
  published: 'published',
};

const levelOf = (policy: IncidentPolicy, incident: Incident) =>
  policy.severities.find(s => s.id === incident.severity)!;

/**
 * The postmortem and action items of incidents, each write under the incident's lock so
 * that the closing rule sees a consistent state: drafted in the transaction of the recovery,
 * checked in the transaction of the close.
 */
export class PostmortemService {
  private readonly db: Knex;
  private readonly store: DatabasePostmortemsStore;

  constructor(
    private readonly deps: {
      db: Knex;
      transactions: IncidentTransactions;
      policy: IncidentPolicy;
      /**
       * The teams of users (lower-cased user ref -> group refs), from the catalog: the
       * draft's "teams involved" include the role holders' teams. Without it, only the
       * owners of affected entities.
       */
      teamsOf?: (userRefs: string[]) => Promise<ReadonlyMap<string, string[]>>;
    },
  ) {
    this.db = deps.db;
    this.store = new DatabasePostmortemsStore(deps.db);
  }

  /**
   * A lifecycle transition with its postmortem consequences in the same transaction:
   * recovering drafts the postmortem (required severities), closing a SEV1 / SEV2 obeys the
   * closing rule (409 naming every missing piece).
   */
  async transition(
    key: IncidentKey,
    context: MutationContext,
    decide: (current: Incident) => {
      change: IncidentChange;
      transition: Transition;
    },
    transitionId?: string,
  ): Promise<MutationResult & { result: Transition }> {
    // A recovery may draft: the role holders' teams are read before the transaction.
    const teams = TRANSITIONS.some(
      t => t.id === transitionId && t.to === 'communication',
    )
      ? await this.roleHolderTeams(key)
      : undefined;
    return this.deps.transactions.mutateIncidentWith(
      key,
      context,
      async (current, trx) => {
        const { change, transition } = decide(current);
        if (transition.to === 'closed') {
          await this.enforceClosingRule(trx, current, context.at);
        }
        if (transition.to === 'communication') {
          const incident: Incident = {
            ...current,
            ...(change.fields as Partial<Incident>),
          };
          if (levelOf(this.deps.policy, incident).postmortem.required) {
            const drafted = await this.draft(
              trx,
              incident,
              change.timeline,
              context,
              teams,
            );
            if (drafted) {
              change.timeline.push(drafted.entry);
              return {
                change,
                effects: draftedNotice(incident, drafted.dueAt),
                result: transition,
              };
            }
          }
        }
        return { change, result: transition };
      },
    );
  }

  /** POST: a postmortem written on demand (SEV3 / SEV4, or one recovered before drafting). */
  async create(
    key: IncidentKey,
    context: MutationContext,
  ): Promise<Postmortem> {
    const now = new Date(context.at);
    const teams = await this.roleHolderTeams(key);
    const { result } = await this.deps.transactions.mutateIncidentWith(
      key,
      context,
      async (current, trx) => {
        const drafted = await this.draft(trx, current, [], context, teams);
        if (!drafted) {
          throw new ConflictError(`${current.ref} already has a postmortem`);
        }
        return {
          change: { fields: {}, timeline: [drafted.entry] },
          result: (await this.store.getByIncident(current.id, {
            db: trx,
            now,
          }))!,
        };
      },
    );
    return result;
  }

  async get(incidentId: string, now: Date): Promise<Postmortem> {
    const postmortem = await this.store.getByIncident(incidentId, { now });
    if (!postmortem) {
      throw new NotFoundError('This incident has no postmortem yet');
    }
    return postmortem;
  }

  /**
   * PUT: saves sections (and the review meeting) against the version the editor loaded. A
   * stale version is a 409 naming the sections changed since.
   */
  async save(
    key: IncidentKey,
    request: {
      version: number;
      sections: Partial<PostmortemSections>;
      reviewMeeting?: ReviewMeeting | null;
    },
    context: MutationContext,
  ): Promise<{ postmortem: Postmortem; meetingChanged: boolean }> {
    const now = new Date(context.at);
    const { result } = await this.deps.transactions.mutateIncidentWith(
      key,
      context,
      async (current, trx) => {
        const postmortem = await this.require(trx, current, now);
        const decision = decideSave(postmortem, {
          expectedVersion: request.version,
          sections: request.sections,
        });
        if (!decision.ok) {
          throw Object.assign(new ConflictError(decision.message), {
            ...(decision.reason === 'stale'
              ? {
                  changedSections: decision.changedSince,
                  currentVersion: decision.currentVersion,
                }
              : {}),
          });
        }
        const write = { actor: context.actor, at: context.at };
        let version = decision.version;
        if (decision.changed.length > 0) {
          await this.store.writeSections(
            trx,
            postmortem.id,
            { ...decision, expectedVersion: request.version },
            write,
          );
        }
        const timeline: NewTimelineEntry[] = [];
        const meetingChanged =
          request.reviewMeeting !== undefined &&
          JSON.stringify(request.reviewMeeting) !==
            JSON.stringify(postmortem.reviewMeeting ?? null);
        if (meetingChanged) {
          if (
            request.reviewMeeting &&
            !CLOSE_GATED_SEVERITIES.includes(current.severity)
          ) {
            throw new InputError(
              'Invalid request body: reviewMeeting: the workflow schedules review meetings for SEV1 and SEV2 incidents only',
            );
          }
          await this.store.writeReviewMeeting(
            trx,
            postmortem.id,
            {
              expectedVersion: version,
              version: version + 1,
              meeting: request.reviewMeeting ?? null,
            },
            write,
          );
          version += 1;
          timeline.push(reviewEntry(request.reviewMeeting ?? null));
        }
        return {
          change: timeline.length ? { fields: {}, timeline } : undefined,
          effects:
            request.reviewMeeting && meetingChanged
              ? reviewMeetingNotice(current, request.reviewMeeting)
              : [],
          result: {
            postmortem: (await this.store.getByIncident(current.id, {
              db: trx,
              now,
            }))!,
            meetingChanged,
          },
        };
      },
    );
    return result;
  }

  /** draft -> in review -> published, with who and when, recorded on the timeline. */
  async setStatus(
    key: IncidentKey,
    request: { status: PostmortemStatus; version: number },
    context: MutationContext,
  ): Promise<{ postmortem: Postmortem; from: PostmortemStatus }> {
    const now = new Date(context.at);
    const { result } = await this.deps.transactions.mutateIncidentWith(
      key,
      context,
      async (current, trx) => {
        const postmortem = await this.require(trx, current, now);
        if (postmortem.version !== request.version) {
          throw Object.assign(
            new ConflictError(
              `The postmortem changed since you loaded it (you sent version ${request.version}, the current version is ${postmortem.version}). Reload and try again.`,
            ),
            { currentVersion: postmortem.version },
          );
        }
        const decision = decideStatus(postmortem.status, request.status);
        if (!decision.ok) {
          throw Object.assign(new ConflictError(decision.message), {
            allowedStatuses: decision.allowed,
          });
        }
        await this.store.writeStatus(
          trx,
          postmortem.id,
          { expectedVersion: request.version, status: request.status },
          { actor: context.actor, at: context.at },
        );
        return {
          change: {
            fields: {},
            timeline: [
              {
                kind: 'update',
                body: `Postmortem ${STATUS_VERBS[request.status]}`,
                details: {
                  postmortem: postmortem.id,
                  from: postmortem.status,
                  to: request.status,
                },
              },
            ],
          },
          result: {
            postmortem: (await this.store.getByIncident(current.id, {
              db: trx,
              now,
            }))!,
            from: postmortem.status,
          },
        };
      },
    );
    return result;
  }

  async closeCheck(incident: Incident, now: Date): Promise<CloseCheck> {
    const postmortem = await this.store.getByIncident(incident.id, { now });
    return checkClose({
      severity: incident.severity,
      postmortemStatus: postmortem?.status,
      actionItems: await actionItemsOfIncident(this.db, incident.id, now),
    });
  }

  actionItemsOf(incidentId: string, now: Date): Promise<ActionItem[]> {
    return actionItemsOfIncident(this.db, incidentId, now);
  }

  async createActionItem(
    key: IncidentKey,
    item: Omit<NewActionItem, 'incidentId'>,
    context: MutationContext,
  ): Promise<ActionItem> {
    const now = new Date(context.at);
    const { result } = await this.deps.transactions.mutateIncidentWith(
      key,
      context,
      async (current, trx) => {
        const id = await insertActionItem(
          trx,
          { ...item, incidentId: current.id },
          { actor: context.actor, at: context.at },
        );
        return {
          change: {
            fields: {},
            timeline: [
              {
                kind: 'update',
                body: `Action item added: ${item.priority} ${item.title}`,
                details: { actionItem: id, priority: item.priority },
              },
            ],
          },
          result: (await getActionItem(trx, id, now))!,
        };
      },
    );
    return result;
  }

  /** The incident an action item belongs to (for the caller's visibility check). */
  async incidentOfActionItem(id: string): Promise<string | undefined> {
    const row = await this.db('incident_action_items')
      .where({ id })
      .first('incident_id');
    return row?.incident_id;
  }

  async updateActionItem(
    id: string,
    request: ActionItemEdits & { version: number },
    context: MutationContext & { incidentId: string },
  ): Promise<ActionItem> {
    const now = new Date(context.at);
    const { version, ...edits } = request;
    const { result } = await this.deps.transactions.mutateIncidentWith(
      { id: context.incidentId },
      { actor: context.actor, at: context.at },
      async (_current, trx) => {
        const before = await getActionItem(trx, id, now);
        if (!before) {
          throw new NotFoundError(`Action item ${id} not found`);
        }
        const write: WriteContext = { actor: context.actor, at: context.at };
        if (!(await updateActionItem(trx, id, version, edits, write))) {
          throw Object.assign(
            new ConflictError(
              `Action item '${before.title}' changed since you loaded it (you sent version ${version}, the current version is ${before.version}). Reload and try again.`,
            ),
            { currentVersion: before.version },
          );
        }
        const statusChanged =
          edits.status !== undefined && edits.status !== before.status;
        return {
          change: statusChanged
            ? {
                fields: {},
                timeline: [
                  {
                    kind: 'update',
                    body: `Action item ${before.title}: ${before.status} -> ${edits.status}`,
                    details: {
                      actionItem: id,
                      from: before.status,
                      to: edits.status,
                    },
                  },
                ],
              }
            : undefined,
          result: (await getActionItem(trx, id, now))!,
        };
      },
    );
    return result;
  }

  private async require(
    trx: Knex.Transaction,
    incident: Incident,
    now: Date,
  ): Promise<Postmortem> {
    const postmortem = await this.store.getByIncident(incident.id, {
      db: trx,
      now,
    });
    if (!postmortem) {
      throw new NotFoundError(`${incident.ref} has no postmortem yet`);
    }
    return postmortem;
  }

  private async enforceClosingRule(
    trx: Knex.Transaction,
    incident: Incident,
    at: string,
  ): Promise<void> {
    const now = new Date(at);
    const postmortem = await this.store.getByIncident(incident.id, {
      db: trx,
      now,
    });
    const check = checkClose({
      severity: incident.severity,
      postmortemStatus: postmortem?.status,
      actionItems: await actionItemsOfIncident(trx, incident.id, now),
    });
    if (!check.ready) {
      throw Object.assign(
        new ConflictError(
          `${incident.ref} cannot close yet: ${check.messages.join('; ')}`,
        ),
        { closeBlockers: check.blockers },
      );
    }
  }

  /**
   * The teams of the incident's role holders, read outside the write's transaction (one
   * query, one batched catalog call).
   */
  private async roleHolderTeams(
    key: IncidentKey,
  ): Promise<ReadonlyMap<string, string[]> | undefined> {
    if (!this.deps.teamsOf) return undefined;
    const holders = await roleHolders(this.db, key);
    return holders.length > 0 ? this.deps.teamsOf(holders) : undefined;
  }

  /** Writes the draft; the timeline entry announcing it, or undefined when one exists. */
  private async draft(
    trx: Knex.Transaction,
    incident: Incident,
    pending: NewTimelineEntry[],
    context: MutationContext,
    teams: ReadonlyMap<string, string[]> | undefined,
  ): Promise<{ entry: NewTimelineEntry; dueAt?: string } | undefined> {
    const facts = await readDraftFacts(trx, incident.id);
    const draft = buildPostmortemDraft({
      incident,
      timeline: [
        ...facts.timeline,
        ...pending.map((e, i) => ({
          ...e,
          id: `pending-${i}`,
          incidentId: incident.id,
          at: context.at,
          actor: context.actor,
        })),
      ],
      roles: facts.roles.map(r => ({
        ...r,
        teamRefs: teams?.get(r.userRef.toLocaleLowerCase('en-US')) ?? [],
      })),
      level: levelOf(this.deps.policy, incident),
      now: new Date(context.at),
    });
    const inserted = await this.store.insertDraft(
      trx,
      {
        incidentId: incident.id,
        incidentNumber: incident.number,
        resolvedAt: incident.resolvedAt,
        draft,
        sectionVersions: initialSectionVersions(),
      },
      { actor: context.actor, at: context.at },
    );
    if (!inserted) return undefined;
    return {
      dueAt: draft.dueAt,
      entry: {
        kind: 'update',
        body: draft.dueAt
          ? `Postmortem drafted; due ${formatTime(draft.dueAt)}`
          : 'Postmortem drafted',
        details: {
          postmortem: true,
          ...(draft.dueAt ? { dueAt: draft.dueAt } : {}),
        },
      },
    };
  }
}

function reviewEntry(meeting: ReviewMeeting | null): NewTimelineEntry {
  return {
    kind: 'update',
    body: meeting
      ? `Postmortem review meeting scheduled for ${formatTime(meeting.at)}`
      : 'Postmortem review meeting cancelled',
    details: meeting
      ? { reviewAt: meeting.at, attendeeRefs: meeting.attendeeRefs }
      : { reviewCancelled: true },
  };
}
