import {
  Page,
  PostmortemStatus,
  PostmortemSummary,
  Severity,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { VisibilityScope } from '../../domain/visibility';
import { decodePostmortemCursor, encodePostmortemCursor } from '../cursor';
import { toDbTimestamp } from '../rows';
import { whereIncidentVisible } from '../visibility';
import { whereIncidentTouches } from '../incidentEntities';
import { POSTMORTEM_COLUMNS, PostmortemRow, postmortemFromRow } from './rows';
import { withTextTimestamps } from '../textTimestamps';

export interface PostmortemFilter {
  severities?: Severity[];
  statuses?: (PostmortemStatus | 'overdue')[];
  /** Owners of affected entities (a team and its sub-teams). */
  ownerRefs?: string[];
  /** Affected entities (an entity and its parts). */
  entityRefs?: string[];
  resolvedFrom?: string;
  resolvedTo?: string;
  cursor?: string;
  limit: number;
  /** Each row carries its sections' text. */
  withSections?: boolean;
  visibleTo: VisibilityScope;
  now: Date;
}

/** GET /v1/postmortems: newest incident first, keyset on the incident number. */
export async function listPostmortems(
  db: Knex,
  filter: PostmortemFilter,
): Promise<Page<PostmortemSummary>> {
  const query = db('incident_postmortems')
    .join('incidents', 'incidents.id', 'incident_postmortems.incident_id')
    .select(POSTMORTEM_COLUMNS)
    .orderBy('incident_postmortems.incident_number', 'desc')
    .limit(filter.limit + 1);
  whereIncidentVisible(query, db, filter.visibleTo);
  if (filter.cursor) {
    query.where(
      'incident_postmortems.incident_number',
      '<',
      decodePostmortemCursor(filter.cursor).n,
    );
  }
  if (filter.severities) {
    query.whereIn('incidents.severity', filter.severities);
  }
  if (filter.statuses) {
    const statuses = filter.statuses.filter(s => s !== 'overdue');
    const overdue = filter.statuses.includes('overdue');
    query.where(where => {
      if (statuses.length > 0) {
        where.orWhereIn('incident_postmortems.status', statuses);
      }
      if (overdue) {
        where.orWhere(late =>
          late
            .whereIn('incident_postmortems.status', ['draft', 'in_review'])
            .where('incident_postmortems.due_at', '<', filter.now),
        );
      }
    });
  }
  if (filter.resolvedFrom) {
    query.where(
      'incident_postmortems.resolved_at',
      '>=',
      toDbTimestamp(filter.resolvedFrom),
    );
  }
  if (filter.resolvedTo) {
    query.where(
      'incident_postmortems.resolved_at',
      '<',
      toDbTimestamp(filter.resolvedTo),
    );
  }
  whereIncidentTouches(query, db, 'incident_postmortems.incident_id', filter);

  const rows: PostmortemRow[] = await withTextTimestamps(db, query);
  const page = rows.slice(0, filter.limit);
  const entities: {
    incident_id: string;
    entity_ref: string;
    owner_ref: string | null;
  }[] = page.length
    ? await db('incident_entities')
        .whereIn(
          'incident_id',
          page.map(r => r.incident_id),
        )
        .where('relation', 'affected')
        .select('incident_id', 'entity_ref', 'owner_ref')
    : [];
  const items = page.map(row => {
    const { sections, sectionVersions, facts, ...summary } = postmortemFromRow(
      row,
      filter.now,
    );
    const mine = entities.filter(e => e.incident_id === row.incident_id);
    return {
      ...summary,
      ...(filter.withSections ? { sections } : {}),
      entityRefs: mine.map(e => e.entity_ref),
      ownerRefs: [
        ...new Set(mine.flatMap(e => (e.owner_ref ? [e.owner_ref] : []))),
      ],
    };
  });
  return {
    items,
    ...(rows.length > filter.limit
      ? {
          nextCursor: encodePostmortemCursor(
            Number(page[page.length - 1].incident_number),
          ),
        }
      : {}),
  };
}
