import {
  Postmortem,
  PostmortemSectionId,
  PostmortemSections,
  PostmortemStatus,
  ReviewMeeting,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { PostmortemDraft } from '../../domain/postmortem';
import { toDbTimestamp } from '../rows';
import { POSTMORTEM_COLUMNS, PostmortemRow, postmortemFromRow } from './rows';

type Db = Knex | Knex.Transaction;

/** Who writes and when. */
export interface WriteContext {
  actor: string;
  at: string;
}

/**
 * The postmortems table. Writes take a transaction: they run under the incident's lock
 * (`mutateIncidentWith`), so that the closing rule and the saves of one incident are
 * serialised.
 */
export class DatabasePostmortemsStore {
  constructor(private readonly db: Knex) {}

  async getByIncident(
    incidentId: string,
    options: { db?: Db; now: Date },
  ): Promise<Postmortem | undefined> {
    const row: PostmortemRow | undefined = await (options.db ?? this.db)(
      'incident_postmortems',
    )
      .join('incidents', 'incidents.id', 'incident_postmortems.incident_id')
      .where('incident_postmortems.incident_id', incidentId)
      .first(POSTMORTEM_COLUMNS);
    return row ? postmortemFromRow(row, options.now) : undefined;
  }

  /**
   * Writes the first draft of an incident's postmortem; false when it already has one (an
   * incident that recovers twice after a rollback keeps the first).
   */
  async insertDraft(
    trx: Knex.Transaction,
    input: {
      incidentId: string;
      incidentNumber: number;
      resolvedAt?: string;
      draft: PostmortemDraft;
      sectionVersions: Record<PostmortemSectionId, number>;
    },
    context: WriteContext,
  ): Promise<boolean> {
    const at = toDbTimestamp(context.at);
    const inserted = await trx('incident_postmortems')
      .insert({
        id: randomUUID(),
        incident_id: input.incidentId,
        incident_number: input.incidentNumber,
        status: 'draft',
        sections: JSON.stringify(input.draft.sections),
        section_versions: JSON.stringify(input.sectionVersions),
        facts: JSON.stringify(input.draft.facts),
        required: input.draft.required,
        due_at: input.draft.dueAt ? toDbTimestamp(input.draft.dueAt) : null,
        resolved_at: input.resolvedAt ? toDbTimestamp(input.resolvedAt) : null,
        created_at: at,
        created_by: context.actor,
        updated_at: at,
        updated_by: context.actor,
        version: 1,
      })
      .onConflict('incident_id')
      .ignore()
      .returning('id');
    return inserted.length > 0;
  }

  async writeSections(
    trx: Knex.Transaction,
    id: string,
    input: {
      expectedVersion: number;
      version: number;
      sections: PostmortemSections;
      sectionVersions: Record<PostmortemSectionId, number>;
    },
    context: WriteContext,
  ): Promise<void> {
    await this.update(trx, id, input.expectedVersion, input.version, context, {
      sections: JSON.stringify(input.sections),
      section_versions: JSON.stringify(input.sectionVersions),
    });
  }

  async writeStatus(
    trx: Knex.Transaction,
    id: string,
    input: { expectedVersion: number; status: PostmortemStatus },
    context: WriteContext,
  ): Promise<void> {
    const at = toDbTimestamp(context.at);
    const who: Record<PostmortemStatus, Record<string, unknown>> = {
      draft: {},
      in_review: { submitted_at: at, submitted_by: context.actor },
      published: { published_at: at, published_by: context.actor },
    };
    await this.update(
      trx,
      id,
      input.expectedVersion,
      input.expectedVersion + 1,
      context,
      { status: input.status, ...who[input.status] },
    );
  }

  async writeReviewMeeting(
    trx: Knex.Transaction,
    id: string,
    input: {
      expectedVersion: number;
      version: number;
      meeting: ReviewMeeting | null;
    },
    context: WriteContext,
  ): Promise<void> {
    await this.update(trx, id, input.expectedVersion, input.version, context, {
      review_at: input.meeting ? toDbTimestamp(input.meeting.at) : null,
      review_attendees: input.meeting
        ? JSON.stringify(input.meeting.attendeeRefs)
        : null,
    });
  }

  /** Records that the overdue notice for the current due time is in the outbox. */
  async markOverdueNotified(
    trx: Knex.Transaction,
    id: string,
    at: string,
  ): Promise<void> {
    await trx('incident_postmortems')
      .where({ id })
      .update({ overdue_notified_at: toDbTimestamp(at) });
  }

  private async update(
    trx: Knex.Transaction,
    id: string,
    expectedVersion: number,
    version: number,
    context: WriteContext,
    columns: Record<string, unknown>,
  ): Promise<void> {
    const updated = await trx('incident_postmortems')
      .where({ id, version: expectedVersion })
      .update({
        ...columns,
        updated_at: toDbTimestamp(context.at),
        updated_by: context.actor,
        version,
      });
    if (updated !== 1) {
      // Unreachable under the incident lock; a lost update must never pass.
      throw new Error(`Postmortem ${id} was changed concurrently`);
    }
  }
}
