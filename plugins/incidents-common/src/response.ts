import { ChecklistPhaseId, ChecklistResponsible } from './checklists';
import { RoleId } from './roles';

/**
 * API types of the response: roles, checklist, pages (as in paging someone), on-call, and the
 * live-update signals. Timestamps are ISO 8601 strings.
 */

/** Who holds a role, since when, and who put them there. @public */
export interface IncidentRoleAssignment {
  /** The role. */
  role: RoleId;
  /** Who holds it. */
  userRef: string;
  /** When it was assigned, ISO 8601. */
  assignedAt: string;
  /** Entity ref of who assigned it (a user, or the backend). */
  assignedBy: string;
  /** Assignment or handoff notes. */
  note?: string;
}

/**
 * One role of an incident, assigned or not. `version` is the role's concurrency token: send it
 * back when reassigning (0 while unassigned).
 * @public
 */
export interface IncidentRoleSlot {
  /** The role. */
  role: RoleId;
  /** The role's title. */
  title: string;
  /** The current holder, if any. */
  assignee?: IncidentRoleAssignment;
  /** Guards reassignments against lost updates (send it back in `AssignRoleRequest`). */
  version: number;
}

/** Body of GET `/v1/incidents/{id}/roles`. @public */
export interface IncidentRolesResponse {
  /** The incident. */
  incidentId: string;
  /** Every response role, in the workflow's order. */
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

/** Who could fill a response role, and why they are suggested. @public */
export interface RoleSuggestion {
  /** The role suggested for. */
  role: RoleId;
  /** Absent when only a group can be suggested (page it, or pick a member). */
  userRef?: string;
  /** The group the suggestion comes from. */
  groupRef: string;
  /** Where the suggestion comes from. */
  source: RoleSuggestionSource;
  /** Why, for people. */
  reason: string;
}

/** The answer of `GET /v1/incidents/:id/roles/suggestions`. @public */
export interface RoleSuggestionsResponse {
  /** Suggestions, best first. */
  items: RoleSuggestion[];
}

/** One responsibility of the incident's checklist, with its state. @public */
export interface IncidentChecklistItem {
  /** The item id (a `CHECKLIST` id). */
  id: string;
  /** The phase it belongs to. */
  phase: ChecklistPhaseId;
  /** Short title. */
  title: string;
  /** What is to be done. */
  description: string;
  /** The role (or `team`) responsible for it. */
  responsible: ChecklistResponsible;
  /** Whether the workflow lists it as optional for this incident. */
  optional: boolean;
  /** User ref of who took it, if anyone. */
  assigneeRef?: string;
  /** Whether it is done. */
  done: boolean;
  /** When it was checked, ISO 8601. */
  doneAt?: string;
  /** User ref of who checked it. */
  doneBy?: string;
  /** Last change, ISO 8601. */
  updatedAt?: string;
  /** User ref of who changed it last. */
  updatedBy?: string;
  /** Concurrency token of the item (0 until first changed). */
  version: number;
}

/**
 * The answer of `GET /v1/incidents/:id/checklist`: the responsibilities that apply to the
 * incident.
 *
 * @public
 */
export interface IncidentChecklistResponse {
  /** The incident. */
  incidentId: string;
  /** The items that apply, in workflow order. */
  items: IncidentChecklistItem[];
}

/** The state of a page: open until acknowledged, escalated or resolved. @public */
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
  /** Stable uuid. */
  id: string;
  /** The incident's uuid. */
  incidentId: string;
  /** Human id, `INC-<n>`. */
  incidentRef: string;
  /** The group paged, or on whose behalf the person is paged. */
  targetGroupRef?: string;
  /** The person paged; absent for a page to the whole group. */
  targetUserRef?: string;
  /** Entity ref of who paged (a user, or the backend). */
  pagedBy: string;
  /** Why they are paged. */
  reason: string;
  /** When it was sent, ISO 8601. */
  sentAt: string;
  /** When the page escalates unless acknowledged (the severity's time to acknowledge). */
  ackDueAt: string;
  /** When it was acknowledged, ISO 8601. */
  acknowledgedAt?: string;
  /** User ref of who acknowledged it. */
  acknowledgedBy?: string;
  /** 0 for a first page, 1 for the next on-call, 2 for the group's lead. */
  escalationLevel: number;
  /** When it escalated to the next person, ISO 8601. */
  escalatedAt?: string;
  /** The person the page escalated to (absent when escalation stopped). */
  escalatedTo?: string;
  /** Why escalation stopped or what it did, when it did. */
  escalationNote?: string;
  /** The page this one escalates. */
  parentPageId?: string;
  /** When the page was resolved or cancelled, and why. */
  closedAt?: string;
  /** Why the page closed without an answer (e.g. the incident resolved). */
  closedNote?: string;
  /** The page's state. */
  status: OnCallPageStatus;
}

/** Pages of an incident, or the caller's pages (`GET /v1/pages`). @public */
export interface OnCallPagesResponse {
  /** The pages. */
  items: OnCallPage[];
}

/** One stint on call. @public */
export interface OnCallShiftInfo {
  /** Who is on call. */
  userRef: string;
  /** Start of the shift, ISO 8601. */
  start: string;
  /** End of the shift, ISO 8601. */
  end: string;
  /** Whether an override replaces the rotation here. */
  override?: boolean;
}

/** Body of GET /v1/oncall. @public */
export interface OnCallResponse {
  /** The group asked about. */
  groupRef: string;
  /** The entity asked about, when the query named an entity rather than a group. */
  entityRef?: string;
  /** The schedule that answered (the group's `firebreak.io/oncall-schedule`), if any. */
  scheduleId?: string;
  /** False when no on-call schedule covers the group. */
  hasSchedule: boolean;
  /** Who is on call now, if anyone. */
  current?: OnCallShiftInfo;
  /** Who is on call next, if known. */
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
 * Message published on {@link INCIDENTS_SIGNAL_CHANNEL} after every committed change; clients
 * refetch what they show (the incident page keeps the messages of its own incident).
 * @public
 */
export type IncidentSignal = {
  incidentId: string;
  incidentRef: string;
  version: number;
  kind: IncidentSignalKind;
};

/**
 * Several {@link IncidentSignal}s in one message: what the backend publishes when changes
 * come faster than it publishes them (a burst of declarations, an alert storm).
 * @public
 */
export type IncidentSignalBatch = {
  signals: IncidentSignal[];
};

/**
 * Signals channel of every change to any incident, for list views and the incident page
 * alike: a message is one {@link IncidentSignal}, or an {@link IncidentSignalBatch} of them
 * ({@link incidentSignalsIn} reads both). @public
 */
export const INCIDENTS_SIGNAL_CHANNEL = 'firebreak:incidents';

/**
 * The changes a message on {@link INCIDENTS_SIGNAL_CHANNEL} announces, in their order: one
 * for a single signal, each of a batch; none for anything else. @public
 */
export function incidentSignalsIn(message: unknown): IncidentSignal[] {
  const isSignal = (value: unknown): value is IncidentSignal =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as IncidentSignal).incidentId === 'string';
  if (isSignal(message)) return [message];
  const batch = (message as Partial<IncidentSignalBatch> | null)?.signals;
  return Array.isArray(batch) ? batch.filter(isSignal) : [];
}

/** Notification topic of pages. @public */
export const PAGE_NOTIFICATION_TOPIC = 'firebreak-page';
