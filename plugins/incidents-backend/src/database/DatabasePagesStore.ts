import { NotFoundError } from '@backstage/errors';
import {
  Incident,
  isOpenPhase,
  OnCallPage,
  OnCallPageStatus,
  refKey,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import {
  EscalationStep,
  PageAckDecision,
  SYSTEM_ACTOR,
  pageNotice,
  planPages,
  shortRef,
} from '../domain/response';
import { Effect, NewPage, NewTimelineEntry, VisibilityScope } from '../domain';
import { IncidentTransactions } from './IncidentTransactions';
import { IncidentKey, MutationContext, MutationResult } from './IncidentsStore';
import { PageRowWithNumber, insertPages, pageFromRow } from './responseRows';
import { toDbTimestamp } from './rows';
import { whereIncidentNotHidden } from './visibility';
import { formatTime } from '../domain/response/time';
import { withTextTimestamps } from './textTimestamps';

export interface ListPagesOptions {
  /** Pages addressed to any of these users ... */
  userRefs?: string[];
  /** ... or to any of these groups as a whole. */
  groupRefs?: string[];
  status: OnCallPageStatus | 'all';
  limit: number;
  /** Leaves out the pages of incidents this caller may not see; all when not given. */
  visibleTo?: VisibilityScope;
}

/** An escalation that this replica carried out. */
export interface EscalationOutcome {
  incident: Incident;
  /** The page sent to the next person, when there was one. */
  escalatedTo?: OnCallPage;
}

const lower = (refs: string[]) => refs.map(refKey);

/** Pages: who paged whom, when and why; acknowledgement and escalation. */
export class DatabasePagesStore {
  constructor(
    private readonly db: Knex,
    private readonly incidents: IncidentTransactions,
  ) {}

  private select(db: Knex | Knex.Transaction = this.db) {
    return db('incident_pages as p')
      .join('incidents as i', 'i.id', 'p.incident_id')
      .select('p.*', 'i.number as incident_number');
  }

  async getPage(pageId: string): Promise<OnCallPage | undefined> {
    const row: PageRowWithNumber | undefined = await this.select()
      .where('p.id', pageId)
      .first();
    return row ? pageFromRow(row) : undefined;
  }

  /** An incident's pages, oldest first. */
  async listIncidentPages(incidentId: string): Promise<OnCallPage[]> {
    const rows: PageRowWithNumber[] = await withTextTimestamps(
      this.db,
      this.select(),
    )
      .where('p.incident_id', incidentId)
      .orderBy([
        { column: 'p.sent_at', order: 'asc' },
        { column: 'p.escalation_level', order: 'asc' },
      ]);
    return rows.map(pageFromRow);
  }

  /** Pages addressed to people or groups, newest first. */
  async listPages(options: ListPagesOptions): Promise<OnCallPage[]> {
    const query = this.select()
      .orderBy('p.sent_at', 'desc')
      .limit(options.limit);
    if (options.visibleTo) {
      whereIncidentNotHidden(
        query,
        this.db,
        options.visibleTo,
        'p.incident_id',
      );
    }
    if (options.userRefs || options.groupRefs) {
      const users = lower(options.userRefs ?? []);
      const groups = lower(options.groupRefs ?? []);
      query.where(inner => {
        inner.whereRaw('1 = 0');
        if (users.length) {
          inner.orWhereRaw(
            `lower(p.target_user_ref) in (${users.map(() => '?').join(', ')})`,
            users,
          );
        }
        if (groups.length) {
          inner.orWhere(group =>
            group
              .whereNull('p.target_user_ref')
              .whereRaw(
                `lower(p.target_group_ref) in (${groups
                  .map(() => '?')
                  .join(', ')})`,
                groups,
              ),
          );
        }
      });
    }
    if (options.status === 'open') {
      query
        .whereNull('p.ack_at')
        .whereNull('p.escalated_at')
        .whereNull('p.closed_at');
    } else if (
      options.status === 'resolved' ||
      options.status === 'cancelled'
    ) {
      query.whereNull('p.ack_at').where('p.closed_reason', options.status);
    } else if (options.status === 'acknowledged') {
      query.whereNotNull('p.ack_at');
    } else if (options.status === 'escalated') {
      query.whereNull('p.ack_at').whereNotNull('p.escalated_at');
    }
    const rows: PageRowWithNumber[] = await query;
    return rows.map(pageFromRow);
  }

  /** Records pages with their timeline entries, under the incident's lock. */
  async createPages(
    key: IncidentKey,
    context: MutationContext,
    plan: (incident: Incident) => {
      pages: NewPage[];
      timeline: NewTimelineEntry[];
      effects: Effect[];
    },
  ): Promise<MutationResult & { result: OnCallPage[] }> {
    return this.incidents.mutateIncidentWith(
      key,
      context,
      async (incident, trx) => {
        const { pages, timeline, effects } = plan(incident);
        await insertPages(trx, incident.id, pages, context);
        const rows: PageRowWithNumber[] = pages.length
          ? await this.select(trx).whereIn(
              'p.id',
              pages.map(p => p.id),
            )
          : [];
        const byId = new Map(rows.map(row => [row.id, pageFromRow(row)]));
        return {
          change: { fields: {}, timeline, effects, announce: 'pages' },
          result: pages.map(p => byId.get(p.id)!),
        };
      },
    );
  }

  /**
   * Acknowledges a page under its incident's lock. `decide` sees the page and incident as
   * they are inside the transaction; it may refuse by throwing.
   */
  async acknowledge(
    pageId: string,
    context: Omit<MutationContext, 'expectedVersion'>,
    decide: (page: OnCallPage, incident: Incident) => PageAckDecision,
  ): Promise<
    MutationResult & { result: { page: OnCallPage; decision: PageAckDecision } }
  > {
    const page = await this.getPage(pageId);
    if (!page) {
      throw new NotFoundError(`Page ${pageId} not found`);
    }
    return this.incidents.mutateIncidentWith<{
      page: OnCallPage;
      decision: PageAckDecision;
    }>({ id: page.incidentId }, context, async (incident, trx) => {
      const row: PageRowWithNumber = await this.select(trx)
        .where('p.id', pageId)
        .first();
      const decision = decide(pageFromRow(row), incident);
      if (decision.outcome !== 'acknowledge') {
        return { result: { page: pageFromRow(row), decision } };
      }
      await trx('incident_pages')
        .where({ id: pageId })
        .whereNull('ack_at')
        .update({ ack_at: toDbTimestamp(context.at), acked_by: context.actor });
      const updated: PageRowWithNumber = await this.select(trx)
        .where('p.id', pageId)
        .first();
      const acknowledgesIncident = Object.keys(decision.fields).length > 0;
      return {
        change: {
          fields: decision.fields,
          timeline: decision.timeline,
          announce: acknowledgesIncident ? 'acknowledged' : 'pages',
        },
        result: { page: pageFromRow(updated), decision },
      };
    });
  }

  /** Unacknowledged, unescalated pages of open incidents whose time to acknowledge is up. */
  async listDuePages(now: Date, limit = 100): Promise<OnCallPage[]> {
    const rows: PageRowWithNumber[] = await this.select()
      .whereNull('p.ack_at')
      .whereNull('p.escalated_at')
      .whereNull('p.closed_at')
      .where('p.ack_due_at', '<=', toDbTimestamp(now.toISOString()))
      .whereNot('i.phase', 'closed')
      .whereNull('i.resolved_at')
      .orderBy('p.ack_due_at', 'asc')
      .limit(limit);
    return rows.map(pageFromRow);
  }

  /** The people paged in a page's escalation chain (the page and the pages it escalates). */
  async chainOf(page: OnCallPage): Promise<string[]> {
    const pages = await this.listIncidentPages(page.incidentId);
    const byId = new Map(pages.map(p => [p.id, p]));
    const people: string[] = [];
    for (
      let cursor: OnCallPage | undefined = page;
      cursor;
      cursor = cursor.parentPageId ? byId.get(cursor.parentPageId) : undefined
    ) {
      if (cursor.targetUserRef) {
        people.push(cursor.targetUserRef);
      }
      if (people.length > 50) {
        break;
      }
    }
    return people;
  }

  /**
   * Carries out one escalation, exactly once however many replicas try: the page is claimed
   * with a conditional update (`ack_at` and `escalated_at` still null) inside the incident's
   * transaction; whoever loses the race (or finds it acknowledged) gets undefined and does
   * nothing. The claimer records the escalation page and the timeline entries.
   */
  async escalate(
    page: OnCallPage,
    step: EscalationStep,
    context: {
      at: string;
      /** Time to acknowledge the escalation page, from the incident as it is now. */
      acknowledgeMinutes: (incident: Incident) => number;
      newId: () => string;
    },
  ): Promise<EscalationOutcome | undefined> {
    const now = new Date(context.at);
    const mutation = { actor: SYSTEM_ACTOR, at: context.at };
    try {
      const { incident, result } = await this.incidents.mutateIncidentWith<
        { claimed: false } | { claimed: true; escalatedTo?: OnCallPage }
      >({ id: page.incidentId }, mutation, async (current, trx) => {
        const late = `${
          page.targetUserRef
            ? shortRef(page.targetUserRef)
            : `the whole group ${shortRef(page.targetGroupRef ?? '')}`
        } did not acknowledge by ${formatTime(page.ackDueAt)}`;
        const note =
          step.kind === 'page'
            ? `${late}; escalated to ${shortRef(step.userRef)} (${
                step.via === 'lead' ? 'lead of' : 'next on call for'
              } ${shortRef(page.targetGroupRef ?? '')})`
            : `${late}; ${step.reason}`;
        // Re-checked under the lock: a resolved incident's pages do not escalate.
        if (!isOpenPhase(current.phase)) {
          return { result: { claimed: false as const } };
        }
        const claimed = await trx('incident_pages')
          .where({ id: page.id })
          .whereNull('ack_at')
          .whereNull('escalated_at')
          .whereNull('closed_at')
          .update({
            escalated_at: toDbTimestamp(context.at),
            escalated_to: step.kind === 'page' ? step.userRef : null,
            escalation_note: note,
          });
        if (claimed !== 1) {
          return { result: { claimed: false as const } };
        }
        if (step.kind === 'stop') {
          return {
            change: {
              fields: {},
              timeline: [
                {
                  kind: 'page',
                  body: `Escalation stopped: ${note}`,
                  details: {
                    pageId: page.id,
                    escalated: false,
                    reason: step.reason,
                  },
                },
              ],
            },
            result: { claimed: true as const },
          };
        }
        const planned = planPages(
          [{ groupRef: page.targetGroupRef, userRef: step.userRef }],
          {
            reason: `Escalated: ${page.reason}`,
            now,
            acknowledgeMinutes: context.acknowledgeMinutes(current),
            newId: context.newId,
            escalationLevel: step.level,
            parentPageId: page.id,
          },
        );
        await insertPages(trx, page.incidentId, planned.pages, mutation);
        const row: PageRowWithNumber = await this.select(trx)
          .where('p.id', planned.pages[0].id)
          .first();
        const escalationPage = pageFromRow(row);
        return {
          change: {
            announce: 'pages',
            effects: pageNotice(current, escalationPage),
            fields: {},
            timeline: [
              {
                kind: 'page',
                body: `Escalation: ${note}`,
                details: {
                  pageId: page.id,
                  escalated: true,
                  escalatedTo: step.userRef,
                  escalationPageId: planned.pages[0].id,
                  level: step.level,
                  via: step.via,
                },
              },
            ],
          },
          result: { claimed: true as const, escalatedTo: escalationPage },
        };
      });
      if (!result.claimed) {
        return undefined;
      }
      return {
        incident,
        ...(result.escalatedTo ? { escalatedTo: result.escalatedTo } : {}),
      };
    } catch (error) {
      if (error instanceof NotFoundError) {
        return undefined;
      }
      throw error;
    }
  }
}
