import { Severity } from './severity';

/**
 * The spec's Postmortem Template and its follow-up (action items) as data: the nine sections
 * with their fields, the review flow, action-item priorities and statuses.
 */

/** @public */
export const POSTMORTEM_SECTION_IDS = [
  'summary',
  'impact',
  'timeline',
  'rootCause',
  'wentWell',
  'wentPoorly',
  'actionItems',
  'prevention',
  'lessons',
] as const;

/** @public */
export type PostmortemSectionId = (typeof POSTMORTEM_SECTION_IDS)[number];

/** @public */
export interface PostmortemSectionInfo {
  id: PostmortemSectionId;
  number: number;
  title: string;
  /** The fields the spec asks for in this section. */
  fields: string[];
}

/** The nine sections of the spec's template, in order. @public */
export const POSTMORTEM_SECTIONS: PostmortemSectionInfo[] = [
  {
    id: 'summary',
    number: 1,
    title: 'Incident Summary',
    fields: [
      'Incident ID',
      'Severity',
      'Duration',
      'Incident Commander',
      'Teams Involved',
    ],
  },
  {
    id: 'impact',
    number: 2,
    title: 'Impact Assessment',
    fields: [
      'Customer Impact',
      'Service Impact',
      'Revenue Impact',
      'Data Impact',
      'SLA Breach',
    ],
  },
  {
    id: 'timeline',
    number: 3,
    title: 'Timeline',
    fields: ['Time', 'Event', 'Action Taken', 'Owner'],
  },
  {
    id: 'rootCause',
    number: 4,
    title: 'Root Cause Analysis',
    fields: [
      'What Happened',
      'Immediate Cause',
      'Contributing Factors',
      'Underlying Cause',
    ],
  },
  { id: 'wentWell', number: 5, title: 'What Went Well', fields: [] },
  { id: 'wentPoorly', number: 6, title: 'What Went Poorly', fields: [] },
  {
    id: 'actionItems',
    number: 7,
    title: 'Action Items',
    fields: ['Priority', 'Action', 'Owner', 'Due Date', 'Status'],
  },
  {
    id: 'prevention',
    number: 8,
    title: 'Prevention & Detection Improvements',
    fields: ['Monitoring', 'Testing', 'Documentation', 'Architecture'],
  },
  { id: 'lessons', number: 9, title: 'Lessons Learned', fields: [] },
];

/** Markdown per section. @public */
export type PostmortemSections = Record<PostmortemSectionId, string>;

/** @public */
export const POSTMORTEM_STATUSES = ['draft', 'in_review', 'published'] as const;

/** @public */
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

/** The review flow: draft -> in review -> published; a review can send it back. @public */
export const POSTMORTEM_STATUS_TRANSITIONS: Record<
  PostmortemStatus,
  PostmortemStatus[]
> = {
  draft: ['in_review'],
  in_review: ['draft', 'published'],
  published: [],
};

/** One SLA clock of the spec's "Response Time SLAs" table, measured on the incident. @public */
export interface SlaMeasurement {
  milestone: 'acknowledge' | 'mitigation' | 'resolution';
  targetMinutes: number;
  /** Minutes from declaration to the milestone; absent when it was never reached. */
  actualMinutes?: number;
  breached: boolean;
}

/** What the incident knew when the draft was written: section 1 and 2 as data. @public */
export interface PostmortemFacts {
  incidentRef: string;
  severity: Severity;
  detectedAt: string;
  resolvedAt?: string;
  /** Detection to full resolution. */
  durationMinutes?: number;
  commanderRef?: string;
  /** Owners of affected entities, then other teams of role holders. */
  teamRefs: string[];
  /** Everyone who held a role. */
  responderRefs: string[];
  affectedEntityRefs: string[];
  customerImpact: string;
  costImpact: boolean;
  dataExposure: boolean;
  sla: SlaMeasurement[];
}

/** @public */
export interface ReviewMeeting {
  /** ISO 8601. */
  at: string;
  attendeeRefs: string[];
}

/** A postmortem as the API returns it. @public */
export interface Postmortem {
  id: string;
  incidentId: string;
  incidentRef: string;
  incidentTitle: string;
  severity: Severity;
  /** The incident is restricted: only its audience sees the postmortem. */
  restricted: boolean;
  status: PostmortemStatus;
  sections: PostmortemSections;
  facts: PostmortemFacts;
  /** Required by the spec (SEV1 / SEV2). */
  required: boolean;
  dueAt?: string;
  /** Not published and past its due time. */
  overdue: boolean;
  reviewMeeting?: ReviewMeeting;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  submittedAt?: string;
  submittedBy?: string;
  publishedAt?: string;
  publishedBy?: string;
  /** Optimistic concurrency token: send it back with every save. */
  version: number;
  /** The postmortem version in which each section last changed. */
  sectionVersions: Record<PostmortemSectionId, number>;
}

/** A row of GET /v1/postmortems. @public */
export type PostmortemSummary = Omit<
  Postmortem,
  'sections' | 'sectionVersions' | 'facts'
> & {
  ownerRefs: string[];
  entityRefs: string[];
};

/** @public */
export const ACTION_ITEM_PRIORITIES = ['P0', 'P1', 'P2'] as const;

/** @public */
export type ActionItemPriority = (typeof ACTION_ITEM_PRIORITIES)[number];

/** @public */
export const ACTION_ITEM_STATUSES = [
  'open',
  'in_progress',
  'done',
  'wont_do',
] as const;

/** @public */
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** Statuses that still need work (the maintenance cadence tracks them). @public */
export const OPEN_ACTION_ITEM_STATUSES: ActionItemStatus[] = [
  'open',
  'in_progress',
];

/** @public */
export interface ActionItem {
  id: string;
  incidentId: string;
  incidentRef: string;
  priority: ActionItemPriority;
  title: string;
  /** The owning team (a catalog group). */
  ownerRef?: string;
  /** Optional assignee (a catalog user). */
  assigneeRef?: string;
  dueAt?: string;
  status: ActionItemStatus;
  overdue: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  version: number;
  /** Set in roll-ups: the sub-team or part through which the item reached this list. */
  via?: string;
}

/** Something that keeps a SEV1 / SEV2 incident from closing. @public */
export type CloseBlocker =
  | { kind: 'postmortem-missing' }
  | { kind: 'postmortem-not-published'; status: PostmortemStatus }
  | { kind: 'action-item-owner'; actionItemId: string; title: string }
  | { kind: 'action-item-due'; actionItemId: string; title: string };

/** GET /v1/incidents/{id}/close-check. @public */
export interface CloseCheck {
  /** Whether the closing rule applies (SEV1 / SEV2). */
  applies: boolean;
  ready: boolean;
  blockers: CloseBlocker[];
  /** One sentence per blocker, as the 409 of the close transition words them. */
  messages: string[];
}

/** Status labels for people. @public */
export const POSTMORTEM_STATUS_TITLES: Record<PostmortemStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  published: 'Published',
};

/** @public */
export const ACTION_ITEM_STATUS_TITLES: Record<ActionItemStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  wont_do: "Won't do",
};
