import { ChecklistPhaseId, ChecklistResponsible } from './checklists';
import { RoleId } from './roles';

/**
 * API types of the response: roles, checklist, pages (as in paging someone), on-call, and the
 * live-update signals. Timestamps are ISO 8601 strings.
 */

/** Who holds a role, since when, and who put them there. @public */
export interface IncidentRoleAssignment {
  role: RoleId;
  userRef: string;
  assignedAt: string;
  assignedBy: string;
  note?: string;
}

/**
 * One role of an incident, assigned or not. `version` is the role's concurrency token: send it
 * back when reassigning (0 while unassigned).
 * @public
 */
export interface IncidentRoleSlot {
  role: RoleId;
  title: string;
  assignee?: IncidentRoleAssignment;
  version: number;
}

/** Body of GET /v1/incidents/{id}/roles. @public */
export interface IncidentRolesResponse {
  incidentId: string;
  roles: IncidentRoleSlot[];
}

/** Where a suggestion comes from. @public */
export type RoleSuggestionSource =
  /** The on-call of the team owning an affected entity. */
  | 'owner-on-call'
  /** The on-call of the group configured for the role (`incidents.roles.groups`). */
  | 'role-group-on-call'
  /** The group configured for the role, which has no on-call schedule. */
  | 'role-group';

/** @public */
export interface RoleSuggestion {
  role: RoleId;
  /** Absent when only a group can be suggested (page it, or pick a member). */
  userRef?: string;
  groupRef: string;
  source: RoleSuggestionSource;
  reason: string;
}

/** @public */
export interface RoleSuggestionsResponse {
  items: RoleSuggestion[];
}

/** One responsibility of the incident's checklist, with its state. @public */
export interface IncidentChecklistItem {
  id: string;
  phase: ChecklistPhaseId;
  title: string;
  description: string;
  responsible: ChecklistResponsible;
  optional: boolean;
  assigneeRef?: string;
  done: boolean;
  doneAt?: string;
  doneBy?: string;
  updatedAt?: string;
  updatedBy?: string;
  /** Concurrency token of the item (0 until first changed). */
  version: number;
}

/** @public */
export interface IncidentChecklistResponse {
  incidentId: string;
  items: IncidentChecklistItem[];
}

/** @public */
export type OnCallPageStatus =
  | 'open'
  | 'acknowledged'
  | 'escalated'
  /** The incident was resolved or closed before anyone answered. */
  | 'resolved'
  /** Its person stopped being the incident commander before answering. */
  | 'cancelled';

/**
 * A page: a request to respond, sent to a person (the on-call of a group, or someone named) or
 * to a whole group. Recorded with who sent it, to whom, when and why.
 * @public
 */
export interface OnCallPage {
  id: string;
  incidentId: string;
  incidentRef: string;
  /** The group paged, or on whose behalf the person is paged. */
  targetGroupRef?: string;
  /** The person paged; absent for a page to the whole group. */
  targetUserRef?: string;
  pagedBy: string;
  reason: string;
  sentAt: string;
  /** When the page escalates unless acknowledged (the severity's time to acknowledge). */
  ackDueAt: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  /** 0 for a first page, 1 for the next on-call, 2 for the group's lead. */
  escalationLevel: number;
  escalatedAt?: string;
  /** The person the page escalated to (absent when escalation stopped). */
  escalatedTo?: string;
  /** Why escalation stopped or what it did, when it did. */
  escalationNote?: string;
  /** The page this one escalates. */
  parentPageId?: string;
  /** When the page was resolved or cancelled, and why. */
  closedAt?: string;
  closedNote?: string;
  status: OnCallPageStatus;
}

/** @public */
export interface OnCallPagesResponse {
  items: OnCallPage[];
}

/** One stint on call. @public */
export interface OnCallShiftInfo {
  userRef: string;
  start: string;
  end: string;
  override?: boolean;
}

/** Body of GET /v1/oncall. @public */
export interface OnCallResponse {
  groupRef: string;
  /** The entity asked about, when the query named an entity rather than a group. */
  entityRef?: string;
  /** The schedule that answered (the group's `firebreak.io/oncall-schedule`), if any. */
  scheduleId?: string;
  /** False when no on-call schedule covers the group. */
  hasSchedule: boolean;
  current?: OnCallShiftInfo;
  next?: OnCallShiftInfo;
  /** The group's lead (`firebreak.io/lead`), the last step of escalation. */
  leadRef?: string;
  /** From the person on call now onwards. */
  rotation: string[];
  /** The instant answered for. */
  at: string;
}

/** What changed, in a live-update signal. @public */
export type IncidentSignalKind =
  | 'declared'
  | 'updated'
  | 'transition'
  | 'acknowledged'
  | 'timeline'
  | 'roles'
  | 'checklist'
  | 'pages';

/**
 * Message published on {@link incidentSignalChannel} and {@link INCIDENTS_SIGNAL_CHANNEL}
 * after every committed change; clients refetch what they show.
 * @public
 */
export type IncidentSignal = {
  incidentId: string;
  incidentRef: string;
  version: number;
  kind: IncidentSignalKind;
};

/** Signals channel of every change to any incident (list views). @public */
export const INCIDENTS_SIGNAL_CHANNEL = 'firebreak:incidents';

/** Signals channel of one incident's changes (the incident page). @public */
export function incidentSignalChannel(incidentId: string): string {
  return `firebreak:incident:${incidentId}`;
}

/** Notification topic of pages. @public */
export const PAGE_NOTIFICATION_TOPIC = 'firebreak-page';
