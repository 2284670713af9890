import type {
  AlertLink,
  AlertRoutedBy,
  AlertSource,
  AlertStatus,
  RoleId,
  Severity,
} from '@firebreak/plugin-incidents-common';

/**
 * What an adapter asks for: Alertmanager reports the alert's state (`firing`/`resolved`),
 * Events v2 sends an action (`trigger`/`acknowledge`/`resolve`).
 */
export type AlertAction = 'fire' | 'acknowledge' | 'resolve';

/**
 * One alert from any source, in Firebreak's terms. Adapters produce it from a webhook
 * payload; routing and the declaration rules read it; the store persists it.
 */
export interface NormalizedAlert {
  source: AlertSource;
  /**
   * Namespace of `dedupKey`: '' for Alertmanager (a fingerprint is global, so the two
   * members of an HA pair deduplicate), the routing key's id for events (a dedup_key is
   * scoped to its integration, as in Events v2).
   */
  scope: string;
  /** Alertmanager fingerprint, or the Events dedup_key. */
  dedupKey: string;
  /** Alertmanager group key, or the Events dedup_key. */
  groupKey: string;
  action: AlertAction;
  /**
   * Events acknowledge/resolve carry only the dedup key: they change the status of a known
   * alert and nothing else, and are ignored for unknown keys (Events v2 semantics).
   */
  statusOnly: boolean;
  name: string;
  summary: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** ISO 8601. */
  startsAt: string;
  /** ISO 8601, for resolved alerts. */
  endsAt?: string;
  generatorUrl?: string;
  links: AlertLink[];
  details: Record<string, unknown>;
  /** Who sent it, recorded as the actor of automatic writes (e.g. `alertmanager:default/firebreak`). */
  actor: string;
  /** Events: the entity the routing key is bound to in config. */
  routingKeyEntityRef?: string;
  /** Events: the routing key's name, matched against `firebreak.io/routing-key`. */
  routingKeyName?: string;
}

/** Where routing sent an alert. */
export interface AlertRoute {
  entityRef?: string;
  routedBy?: AlertRoutedBy;
  /** Why it is unrouted, or how an ambiguity was settled. */
  note?: string;
}

/** What the declaration rules say about an alert. */
export interface RuleOutcome {
  /** Ids of every rule that matched, in config order. */
  ruleIds: string[];
  /** The most severe severity of the matching rules; absent: record only, never declare. */
  severity?: Severity;
  restricted: boolean;
  roles: RoleId[];
  /** The incident group of the first most-severe matching rule that names one. */
  group?: string;
}

/**
 * An alert ready for the store: normalised, routed, judged by the rules, with the key of the
 * incident it belongs to (one open incident per entity and incident group).
 */
export interface PreparedAlert extends NormalizedAlert {
  route: AlertRoute;
  rule: RuleOutcome;
  /** Readable incident group: `rule:<group>`, `am:<groupKey>` or `events:<scope>:<dedupKey>`. */
  incidentGroup: string;
  /** sha-256 hex of `incidentGroup` (group keys can be long). */
  incidentGroupHash: string;
  /**
   * Digest of everything a repeat may change without a state change (content, rule
   * outcome, group): repeats are recognised without reading the stored content back.
   */
  contentHash: string;
}

/** Summary of one ingestion, returned to the sender. */
export interface IngestResult {
  received: number;
  /** New alerts. */
  created: number;
  /** Alerts whose status changed. */
  changed: number;
  /** Deliveries that changed nothing (repeats). */
  unchanged: number;
  /** Alerts in the unrouted inbox. */
  unrouted: number;
  /** Incidents declared by this delivery (refs). */
  declared: string[];
  /**
   * Declarations still running when the response left (longer than
   * `incidents.alerts.declarationWait`); they finish in the background.
   */
  declaring: number;
  /** Incidents this delivery appended to (refs). */
  updated: string[];
}

export type { AlertStatus };
