import { z } from 'zod';
import { Severity, SeverityLevel } from './severity';

/**
 * Stakeholder communication: the "Communication" column of the spec's severity table as
 * duties with due times, the updates that fulfil them, and their audiences.
 */

/** Who an update is for. @public */
export const COMMS_AUDIENCES = [
  'internal',
  'executive',
  'status-page',
  'customers',
] as const;

/** An audience of stakeholder updates: internal, executive, status page or customers. @public */
export type CommsAudience = (typeof COMMS_AUDIENCES)[number];

/** How an audience of stakeholder updates is titled and reached. @public */
export interface CommsAudienceInfo {
  /** The audience. */
  id: CommsAudience;
  /** The audience's update as the UI titles it, e.g. "Executive summary". */
  title: string;
  /** How it is delivered. */
  description: string;
  /** Leaves the company: shown on the status page or emailed to customers. */
  external: boolean;
}

/** Title, delivery and reach of every stakeholder update audience. @public */
export const COMMS_AUDIENCE_INFO: Record<CommsAudience, CommsAudienceInfo> = {
  internal: {
    id: 'internal',
    title: 'Internal update',
    description:
      'A Backstage notification to the responders and the owning teams',
    external: false,
  },
  executive: {
    id: 'executive',
    title: 'Executive summary',
    description: 'A Backstage notification to the leadership group',
    external: false,
  },
  'status-page': {
    id: 'status-page',
    title: 'Status page update',
    description:
      'Published on the public status page and emailed to its subscribers',
    external: true,
  },
  customers: {
    id: 'customers',
    title: 'Customer notice',
    description: 'Emailed to the customer contacts of the affected systems',
    external: true,
  },
};

/** One communication duty a severity carries. @public */
export interface CommsDutyDefinition {
  /** Stable id: `executive-notification`, `status-page`, `customer-notice`, `internal-tracking`. */
  id: string;
  /** The spec's wording, e.g. "Immediate executive notification". */
  title: string;
  /** Posting an update to this audience does the duty. */
  audience: CommsAudience;
  /** The severity table marks the duty optional (e.g. "Status page update (optional)"). */
  optional: boolean;
}

const DUTY_KINDS: { id: string; audience: CommsAudience; pattern: RegExp }[] = [
  {
    id: 'executive-notification',
    audience: 'executive',
    pattern: /executive/i,
  },
  { id: 'status-page', audience: 'status-page', pattern: /status ?page/i },
  { id: 'customer-notice', audience: 'customers', pattern: /customer/i },
  { id: 'internal-tracking', audience: 'internal', pattern: /internal/i },
];

/**
 * The duties of a severity level, read from its "Communication" entries (so that an adopter
 * who rewrites them in `incidents.severities` changes the duties too). An entry that names no
 * known channel is an internal duty.
 * @public
 */
export function communicationDuties(
  level: Pick<SeverityLevel, 'communication'>,
): CommsDutyDefinition[] {
  const duties: CommsDutyDefinition[] = [];
  for (const title of level.communication) {
    const kind = DUTY_KINDS.find(k => k.pattern.test(title));
    const id =
      kind?.id ??
      title
        .toLocaleLowerCase('en-US')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
    if (duties.some(d => d.id === id)) {
      continue;
    }
    duties.push({
      id,
      title,
      audience: kind?.audience ?? 'internal',
      optional: /optional/i.test(title),
    });
  }
  return duties;
}

/** A duty on one incident. @public */
export interface CommsDuty extends CommsDutyDefinition {
  /** The severity that brought the duty. */
  severity: Severity;
  /** ISO 8601. */
  dueAt: string;
  /** When an update did the duty (ISO 8601). */
  doneAt?: string;
  /** Entity ref of the user whose update did the duty. */
  doneBy?: string;
  /** The update that did it. */
  updateId?: string;
  /** A lower severity no longer asks for it; kept because it was already done. */
  retired?: boolean;
}

/** An update posted to stakeholders, as the incident page shows it. @public */
export interface CommsUpdate {
  /** The update's id. */
  id: string;
  /** Id of the incident the update is about. */
  incidentId: string;
  /** Who the update was posted to. */
  audience: CommsAudience;
  /** Public headline (status page updates). */
  title?: string;
  /** The update's text. */
  body: string;
  /** Entity ref of the user who posted it. */
  author: string;
  /** ISO 8601. */
  postedAt: string;
}

/** GET `/v1/incidents/{id}/comms`. @public */
export interface IncidentComms {
  /** The incident's communication duties, done or not. */
  duties: CommsDuty[];
  /** Newest first. */
  updates: CommsUpdate[];
  /** While the incident is unresolved and its severity has an update cadence. */
  nextUpdateDueAt?: string;
  /** Minutes between updates that the incident's severity asks for. */
  cadenceMinutes?: number;
}

/** Body of POST `/v1/incidents/{id}/comms/updates`. @public */
export const postCommsUpdateSchema = z.object({
  audience: z.enum(COMMS_AUDIENCES, {
    errorMap: () => ({
      message: `must be one of ${COMMS_AUDIENCES.join(', ')}`,
    }),
  }),
  title: z.string().trim().max(200).optional(),
  body: z
    .string({ required_error: 'must not be empty' })
    .trim()
    .min(1, 'must not be empty')
    .max(10_000),
});

/** Body of POST `/v1/incidents/{id}/comms/updates`: a stakeholder update to post. @public */
export type PostCommsUpdate = z.infer<typeof postCommsUpdateSchema>;

/** The executive summary drafted from the incident, editable before it is sent. @public */
export interface ExecutiveSummaryDraft {
  /** Headline of the summary. */
  title: string;
  /** Text of the summary. */
  body: string;
}
