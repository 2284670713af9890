import {
  ActionItem,
  ActionItemPriority,
  ActionItemStatus,
  POSTMORTEM_SECTION_IDS,
  Postmortem,
  PostmortemFacts,
  PostmortemSectionId,
  PostmortemSections,
  PostmortemStatus,
  Severity,
  formatIncidentRef,
} from '@firebreak/plugin-incidents-common';
import { DbTimestamp, optionalIso, parseJson, toIsoString } from '../rows';

/** A postmortem row joined with the incident's number, title and severity. */
export interface PostmortemRow {
  id: string;
  incident_id: string;
  incident_number: number | string;
  incident_title: string;
  incident_severity: Severity;
  incident_restricted: boolean | number;
  status: PostmortemStatus;
  sections: string;
  section_versions: string;
  facts: string;
  required: boolean | number;
  due_at: DbTimestamp | null;
  resolved_at: DbTimestamp | null;
  overdue_notified_at: DbTimestamp | null;
  review_at: DbTimestamp | null;
  review_attendees: string | null;
  created_at: DbTimestamp;
  created_by: string;
  updated_at: DbTimestamp;
  updated_by: string;
  submitted_at: DbTimestamp | null;
  submitted_by: string | null;
  published_at: DbTimestamp | null;
  published_by: string | null;
  version: number | string;
}

/** The postmortem columns, and the incident's under the names {@link PostmortemRow} reads. */
export const POSTMORTEM_COLUMNS = [
  'incident_postmortems.*',
  'incidents.number as incident_number',
  'incidents.title as incident_title',
  'incidents.severity as incident_severity',
  'incidents.restricted as incident_restricted',
];

export function isOverdue(
  status: PostmortemStatus | ActionItemStatus,
  dueAt: string | undefined,
  now: Date,
): boolean {
  const open =
    status !== 'published' && status !== 'done' && status !== 'wont_do';
  return open && dueAt !== undefined && Date.parse(dueAt) < now.getTime();
}

function sectionsOf(text: string): PostmortemSections {
  const stored = parseJson<Partial<PostmortemSections>>(text, {});
  return Object.fromEntries(
    POSTMORTEM_SECTION_IDS.map(id => [id, stored[id] ?? '']),
  ) as PostmortemSections;
}

export function postmortemFromRow(row: PostmortemRow, now: Date): Postmortem {
  const dueAt = optionalIso(row.due_at);
  const reviewAt = optionalIso(row.review_at);
  const versions = parseJson<Partial<Record<PostmortemSectionId, number>>>(
    row.section_versions,
    {},
  );
  return {
    id: row.id,
    incidentId: row.incident_id,
    incidentRef: formatIncidentRef(Number(row.incident_number)),
    incidentTitle: row.incident_title,
    severity: row.incident_severity,
    restricted: Boolean(row.incident_restricted),
    status: row.status,
    sections: sectionsOf(row.sections),
    facts: parseJson<PostmortemFacts>(row.facts, {} as PostmortemFacts),
    required: Boolean(row.required),
    ...(dueAt ? { dueAt } : {}),
    overdue: isOverdue(row.status, dueAt, now),
    ...(reviewAt
      ? {
          reviewMeeting: {
            at: reviewAt,
            attendeeRefs: parseJson<string[]>(row.review_attendees, []),
          },
        }
      : {}),
    createdAt: toIsoString(row.created_at),
    createdBy: row.created_by,
    updatedAt: toIsoString(row.updated_at),
    updatedBy: row.updated_by,
    ...(row.submitted_at
      ? {
          submittedAt: toIsoString(row.submitted_at),
          submittedBy: row.submitted_by ?? undefined,
        }
      : {}),
    ...(row.published_at
      ? {
          publishedAt: toIsoString(row.published_at),
          publishedBy: row.published_by ?? undefined,
        }
      : {}),
    version: Number(row.version),
    sectionVersions: Object.fromEntries(
      POSTMORTEM_SECTION_IDS.map(id => [id, Number(versions[id] ?? 1)]),
    ) as Record<PostmortemSectionId, number>,
  };
}

export interface ActionItemRow {
  id: string;
  incident_id: string;
  incident_number: number | string;
  priority: ActionItemPriority;
  title: string;
  owner_ref: string | null;
  assignee_ref: string | null;
  due_at: DbTimestamp | null;
  status: ActionItemStatus;
  created_at: DbTimestamp;
  created_by: string;
  updated_at: DbTimestamp;
  updated_by: string;
  version: number | string;
}

export const ACTION_ITEM_COLUMNS = [
  'incident_action_items.*',
  'incidents.number as incident_number',
];

export function actionItemFromRow(row: ActionItemRow, now: Date): ActionItem {
  const dueAt = optionalIso(row.due_at);
  return {
    id: row.id,
    incidentId: row.incident_id,
    incidentRef: formatIncidentRef(Number(row.incident_number)),
    priority: row.priority,
    title: row.title,
    ...(row.owner_ref ? { ownerRef: row.owner_ref } : {}),
    ...(row.assignee_ref ? { assigneeRef: row.assignee_ref } : {}),
    ...(dueAt ? { dueAt } : {}),
    status: row.status,
    overdue: isOverdue(row.status, dueAt, now),
    createdAt: toIsoString(row.created_at),
    createdBy: row.created_by,
    updatedAt: toIsoString(row.updated_at),
    version: Number(row.version),
  };
}
