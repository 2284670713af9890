import { Severity } from './severity';

/**
 * The spec's Postmortem Template and its follow-up (action items) as data: the nine sections
 * with their fields, the review flow, action-item priorities and statuses.
 */

/** Ids of the nine postmortem template sections, in order. @public */
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

/** Id of one postmortem template section, e.g. `rootCause`. @public */
export type PostmortemSectionId = (typeof POSTMORTEM_SECTION_IDS)[number];

/** A section of the postmortem template: number, title and the fields it asks for. @public */
export interface PostmortemSectionInfo {
  /** The section. */
  id: PostmortemSectionId;
  /** Its position in the template, from 1. */
  number: number;
  /** Its heading, e.g. "Root Cause Analysis". */
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

/** The review statuses of a postmortem: draft, in review, published. @public */
export const POSTMORTEM_STATUSES = ['draft', 'in_review', 'published'] as const;

/** Review status of a postmortem. @public */
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

/** The review flow: draft → in review → published; a review can send it back. @public */
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
  /** The SLA clock. */
  milestone: 'acknowledge' | 'mitigation' | 'resolution';
  /** The severity's target for the clock, in minutes. */
  targetMinutes: number;
  /** Minutes from declaration to the milestone; absent when it was never reached. */
  actualMinutes?: number;
  /** The milestone was reached late, or not at all past its target. */
  breached: boolean;
}

/** What the incident knew when the draft was written: section 1 and 2 as data. @public */
export interface PostmortemFacts {
  /** The incident's reference, e.g. `INC-42`. */
  incidentRef: string;
  /** The incident's severity. */
  severity: Severity;
  /** When the incident was detected (declared), ISO 8601. */
  detectedAt: string;
  /** When the incident was resolved, ISO 8601. */
  resolvedAt?: string;
  /** Detection to full resolution. */
  durationMinutes?: number;
  /** Entity ref of the incident commander. */
  commanderRef?: string;
  /** Owners of affected entities, then other teams of role holders. */
  teamRefs: string[];
  /** Everyone who held a role. */
  responderRefs: string[];
  /** Refs of the catalog entities the incident affected. */
  affectedEntityRefs: string[];
  /** The incident's customer impact statement. */
  customerImpact: string;
  /** The incident was flagged as having a cost (revenue) impact. */
  costImpact: boolean;
  /** The incident was flagged as exposing data. */
  dataExposure: boolean;
  /** The incident's SLA clocks, as measured. */
  sla: SlaMeasurement[];
}

/** The scheduled review meeting of a postmortem. @public */
export interface ReviewMeeting {
  /** ISO 8601. */
  at: string;
  /** Entity refs of the invited attendees. */
  attendeeRefs: string[];
}

/** A postmortem as the API returns it. @public */
export interface Postmortem {
  /** The postmortem's id. */
  id: string;
  /** Id of the incident it reviews. */
  incidentId: string;
  /** Reference of the incident it reviews, e.g. `INC-42`. */
  incidentRef: string;
  /** Title of the incident it reviews. */
  incidentTitle: string;
  /** Severity of the incident it reviews. */
  severity: Severity;
  /** The incident is restricted: only its audience sees the postmortem. */
  restricted: boolean;
  /** Review status. */
  status: PostmortemStatus;
  /** Markdown of each template section. */
  sections: PostmortemSections;
  /** Incident facts captured when the draft was created. */
  facts: PostmortemFacts;
  /** Required by the spec (SEV1 / SEV2). */
  required: boolean;
  /** When it must be published by, ISO 8601. */
  dueAt?: string;
  /** Not published and past its due time. */
  overdue: boolean;
  /** The scheduled review meeting, if any. */
  reviewMeeting?: ReviewMeeting;
  /** When the draft was created, ISO 8601. */
  createdAt: string;
  /** Entity ref of the user who created the draft. */
  createdBy: string;
  /** When it last changed, ISO 8601. */
  updatedAt: string;
  /** Entity ref of the user who last changed it. */
  updatedBy: string;
  /** When it was last submitted for review, ISO 8601. */
  submittedAt?: string;
  /** Entity ref of the user who last submitted it for review. */
  submittedBy?: string;
  /** When it was published, ISO 8601. */
  publishedAt?: string;
  /** Entity ref of the user who published it. */
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
  /** The text of each section; only with `include=sections`. */
  sections?: PostmortemSections;
};

/** Action item priorities, most urgent first. @public */
export const ACTION_ITEM_PRIORITIES = ['P0', 'P1', 'P2'] as const;

/** Priority of an action item: `P0`, `P1` or `P2`. @public */
export type ActionItemPriority = (typeof ACTION_ITEM_PRIORITIES)[number];

/** The statuses of an action item. @public */
export const ACTION_ITEM_STATUSES = [
  'open',
  'in_progress',
  'done',
  'wont_do',
] as const;

/** Status of an action item: open, in progress, done or won't do. @public */
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** Statuses that still need work (the maintenance cadence tracks them). @public */
export const OPEN_ACTION_ITEM_STATUSES: ActionItemStatus[] = [
  'open',
  'in_progress',
];

/** A follow-up action of a postmortem, as the API returns it. @public */
export interface ActionItem {
  /** The action item's id. */
  id: string;
  /** Id of the incident it follows up. */
  incidentId: string;
  /** Reference of the incident it follows up, e.g. `INC-42`. */
  incidentRef: string;
  /** Its priority. */
  priority: ActionItemPriority;
  /** What is to be done. */
  title: string;
  /** The owning team (a catalog group). */
  ownerRef?: string;
  /** Optional assignee (a catalog user). */
  assigneeRef?: string;
  /** When it is due, ISO 8601. */
  dueAt?: string;
  /** Its status. */
  status: ActionItemStatus;
  /** Still open and past its due time. */
  overdue: boolean;
  /** When it was created, ISO 8601. */
  createdAt: string;
  /** Entity ref of the user who created it. */
  createdBy: string;
  /** When it last changed, ISO 8601. */
  updatedAt: string;
  /** Optimistic concurrency token: send it back with every update. */
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

/** GET `/v1/incidents/{id}/close-check`. @public */
export interface CloseCheck {
  /** Whether the closing rule applies (SEV1 / SEV2). */
  applies: boolean;
  /** Nothing blocks closing the incident. */
  ready: boolean;
  /** What keeps the incident from closing. */
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

/** Action item status labels for people. @public */
export const ACTION_ITEM_STATUS_TITLES: Record<ActionItemStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  wont_do: "Won't do",
};
