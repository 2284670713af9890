/** Human incident id: `INC-42`. @public */
export function formatIncidentRef(number: number): string {
  return `INC-${number}`;
}

/** The number in `INC-42`, or undefined if `value` is not a human incident id. @public */
export function parseIncidentRef(value: string): number | undefined {
  const match = /^INC-(\d{1,12})$/i.exec(value.trim());
  return match ? Number(match[1]) : undefined;
}

/** Annotations Firebreak reads from catalog entities. @public */
export const ANNOTATIONS = {
  /** Group annotation: the on-call schedule id in `incidents.onCall.schedules`. */
  onCallSchedule: 'firebreak.io/oncall-schedule',
  /** Group annotation: the user ref of the group's lead, the last step of page escalation. */
  lead: 'firebreak.io/lead',
  /**
   * Entity annotation: Prometheus label matchers routing alerts to this entity, e.g.
   * `job="search-api", env=~"prod|staging"` (one selector per line; any may match).
   */
  alertSelector: 'firebreak.io/alert-selector',
  /**
   * Entity annotation: the name(s) of Events v2 routing keys routed to this entity
   * (`incidents.alerts.events.routingKeys[].name`), comma-separated; never the key itself.
   */
  routingKey: 'firebreak.io/routing-key',
  /**
   * System or component annotation: the entity is a component of the public status page,
   * shown under this public title (its entity ref is never published).
   */
  statusPageComponent: 'firebreak.io/status-page-component',
} as const;
