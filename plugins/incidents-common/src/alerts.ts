import { z } from 'zod';
import { SEVERITIES, Severity } from './severity';
import { csv } from './queryLists';

/**
 * Alerts received from monitoring (Alertmanager webhooks, Events-v2-style events) as the API
 * returns them, and the payloads of the alert routes.
 */

/** Where an alert came from. @public */
export const ALERT_SOURCES = ['alertmanager', 'events'] as const;

/** @public */
export type AlertSource = (typeof ALERT_SOURCES)[number];

/**
 * `firing` and `resolved` as Alertmanager reports them; `acknowledged` only from an Events
 * `acknowledge` action (still active, someone is on it in the monitoring tool). @public
 */
export const ALERT_STATUSES = ['firing', 'acknowledged', 'resolved'] as const;

/** @public */
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** How an alert found its catalog entity. @public */
export type AlertRoutedBy =
  /** A routing label, e.g. `label:backstage_entity` or `label:service`. */
  | `label:${string}`
  /** The entity's `firebreak.io/alert-selector` annotation. */
  | 'selector'
  /** The Events routing key: its `entityRef` in config or the entity's `firebreak.io/routing-key`. */
  | 'routing-key'
  /** Routed by hand from the unrouted-alerts inbox. */
  | 'manual';

/** A link shown with an alert (the source graph, a dashboard, a runbook). @public */
export interface AlertLink {
  href: string;
  text?: string;
}

/** One alert as the API returns it. Timestamps are ISO 8601 strings. @public */
export interface IncidentAlert {
  id: string;
  source: AlertSource;
  /** Alertmanager fingerprint, or the Events dedup_key. */
  dedupKey: string;
  /** Alertmanager group key, or the Events dedup_key. */
  groupKey: string;
  status: AlertStatus;
  /** The catalog entity the alert is routed to; absent while it is in the unrouted inbox. */
  entityRef?: string;
  routedBy?: AlertRoutedBy;
  /** Why the alert is unrouted (or how an ambiguity was settled). */
  routeNote?: string;
  /** `alertname` label, or the Events `class`/`source`. */
  name: string;
  summary: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Severity the declaration rules give this alert; absent when no rule declares it. */
  severity?: Severity;
  /** Ids of the declaration rules that matched. */
  ruleIds: string[];
  restricted: boolean;
  startsAt: string;
  endsAt?: string;
  /** Link to the source graph (Prometheus `generatorURL`, Events `client_url`). */
  generatorUrl?: string;
  links: AlertLink[];
  /** Extra structured data (Events `custom_details`, Grafana values). */
  details: Record<string, unknown>;
  /** The incident this alert currently belongs to. */
  incidentId?: string;
  /** Its human id, `INC-<n>`. */
  incidentRef?: string;
  receivedAt: string;
  lastSeenAt: string;
  /** How many times the alert started firing (a resolve and a new firing count again). */
  occurrences: number;
}

/** What an incident's alerts say about recovery. @public */
export interface IncidentAlertsSummary {
  total: number;
  firing: number;
  acknowledged: number;
  resolved: number;
  /**
   * True when the incident has alerts and all of them have resolved: the team should verify
   * recovery (the incident is never closed automatically).
   */
  cleared: boolean;
  /** When the last of them resolved, if cleared. */
  clearedAt?: string;
}

/** Body of GET /v1/incidents/{id}/alerts. @public */
export interface IncidentAlertsResponse {
  items: IncidentAlert[];
  summary: IncidentAlertsSummary;
}

const entityRef = z
  .string()
  .trim()
  .regex(
    /^[^:/\s]+:([^:/\s]+\/)?[^:/\s]+$/,
    'must be an entity ref such as component:default/checkout',
  )
  .transform(ref => ref.toLocaleLowerCase('en-US'));

const text = (max: number) => z.string().trim().max(max);


/**
 * Query of GET /v1/alerts. `status` may also be `active` (firing or acknowledged).
 * @public
 */
export const listAlertsQuerySchema = z
  .object({
    entityRef: csv(entityRef).optional(),
    status: csv(z.enum(['active', ...ALERT_STATUSES])).optional(),
    source: z.enum(ALERT_SOURCES).optional(),
    cursor: z.string().max(300).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** @public */
export type ListAlertsQuery = z.output<typeof listAlertsQuerySchema>;

/** Query of GET /v1/alerts/unrouted (the inbox). @public */
export const listUnroutedAlertsQuerySchema = z
  .object({
    status: csv(z.enum(['active', ...ALERT_STATUSES])).optional(),
    cursor: z.string().max(300).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** Body of POST /v1/alerts/{id}/route. @public */
export const routeAlertSchema = z
  .object({
    entityRef,
    /** Also route the other unrouted alerts of the same group. */
    includeGroup: z.boolean().default(false),
  })
  .strict();

/** @public */
export type RouteAlertRequest = z.input<typeof routeAlertSchema>;

/**
 * Body of POST /v1/alerts/{id}/declare: declare an incident by hand from an alert. Title and
 * summary default to the alert's; `entityRef` is required when the alert is unrouted (it is
 * routed there too).
 * @public
 */
export const declareFromAlertSchema = z
  .object({
    severity: z.enum(SEVERITIES),
    title: text(200).min(1, 'must not be empty').optional(),
    summary: text(10_000).optional(),
    customerImpact: text(10_000).optional(),
    entityRef: entityRef.optional(),
    regions: z.array(text(100).min(1)).max(50).optional(),
  })
  .strict();

/** @public */
export type DeclareFromAlertRequest = z.input<typeof declareFromAlertSchema>;

/** Result of POST /v1/alerts/{id}/route and /declare. @public */
export interface AlertActionResult {
  alert: IncidentAlert;
  /** The incident the alert now belongs to, when it has one. */
  incidentId?: string;
  incidentRef?: string;
  /** True when this action declared the incident. */
  declared: boolean;
}
