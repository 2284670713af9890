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
  /** Entity annotation: label matchers routing alerts to this entity. */
  alertSelector: 'firebreak.io/alert-selector',
  /** Entity annotation: Events v2 routing key routed to this entity. */
  routingKey: 'firebreak.io/routing-key',
} as const;
