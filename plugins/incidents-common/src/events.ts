import type { Phase } from './lifecycle';
import type { IncidentSignalKind } from './response';
import type { Severity } from './severity';

/**
 * Topic of Backstage's EventsService on which the incidents backend publishes every committed
 * change to an incident, so that other plugins can react (subscribe with
 * `events.subscribe({ id, topics: [INCIDENTS_EVENTS_TOPIC], onEvent })`).
 *
 * @public
 */
export const INCIDENTS_EVENTS_TOPIC = 'incidents';

/**
 * Payload of an event on {@link INCIDENTS_EVENTS_TOPIC}. It names the incident and what
 * happened, never its content: a subscriber reads the incident through the API with its own
 * credentials (restricted incidents stay restricted). Delivered at least once:
 * `idempotencyKey` is the same on every delivery of one event.
 *
 * @public
 */
export interface IncidentEventPayload {
  /** What happened, e.g. `incident.declared`, `incident.transition`, `incident.roles`. */
  eventType: `incident.${IncidentSignalKind}`;
  idempotencyKey: string;
  incidentId: string;
  /** Human id, `INC-<n>`. */
  incidentRef: string;
  /** The incident's version after the change. */
  version: number;
  severity: Severity;
  phase: Phase;
  restricted: boolean;
  /** Entity ref of who made the change (a user, or `system:...` for the backend itself). */
  actor: string;
  /** ISO 8601 time of the change. */
  at: string;
}
