import { z } from 'zod';

/**
 * The public status page (GET /api/incidents/v1/status): only what customers may read.
 */

/** Body of POST /status/subscriptions (the page's form, or JSON). @public */
export const statusSubscriptionSchema = z.object({
  email: z.string().trim().max(320).email('must be an email address'),
});

/** Worst first. @public */
export const COMPONENT_STATES = [
  'major-outage',
  'partial-outage',
  'degraded',
  'operational',
] as const;

/** State of a status page component, from `major-outage` to `operational`. @public */
export type ComponentState = (typeof COMPONENT_STATES)[number];

/** Component state labels for people. @public */
export const COMPONENT_STATE_TITLES: Record<ComponentState, string> = {
  'major-outage': 'Major outage',
  'partial-outage': 'Partial outage',
  degraded: 'Degraded performance',
  operational: 'Operational',
};

/** One day of a component's status history. @public */
export interface StatusPageDay {
  /** YYYY-MM-DD (UTC). */
  date: string;
  /** The worst state of the day. */
  state: ComponentState;
}

/** A component of the public status page, with its state and history. @public */
export interface StatusPageComponent {
  /** Opaque id derived from the public title. */
  id: string;
  /** The component's public title. */
  title: string;
  /** The component's current state. */
  state: ComponentState;
  /** The last 90 days, oldest first. */
  history: StatusPageDay[];
}

/** A public update of a status page incident. @public */
export interface StatusPageUpdate {
  /** ISO 8601. */
  at: string;
  /** The update's public text. */
  body: string;
}

/** An incident as the public status page shows it. @public */
export interface StatusPageIncident {
  /** Opaque public id. */
  id: string;
  /** The incident's public title. */
  title: string;
  /** The worst state it puts its components in. */
  impact: ComponentState;
  /** The incident is resolved. */
  resolved: boolean;
  /** Ids of the components it affects. */
  components: string[];
  /** When it started, ISO 8601. */
  startedAt: string;
  /** When it was resolved, ISO 8601. */
  resolvedAt?: string;
  /** Newest first. */
  updates: StatusPageUpdate[];
}

/** The public status page (GET /api/incidents/v1/status). @public */
export interface StatusPage {
  /** When the page was computed, ISO 8601. */
  generatedAt: string;
  /** The worst state of any component. */
  state: ComponentState;
  /** The page's components. */
  components: StatusPageComponent[];
  /** Open public incidents first, then the last 90 days. */
  incidents: StatusPageIncident[];
}

/**
 * What a status page update publishes, as `StatusPageProvider`s of incidents-node receive it:
 * only public text and public titles.
 * @public
 */
export interface StatusPagePublication {
  /** Opaque public id of the incident, stable across its updates. */
  incidentId: string;
  /** Opaque id of this update (for idempotent pushes). */
  updateId: string;
  /** The incident's public title. */
  title: string;
  /** The update's public text. */
  body: string;
  /** The worst state the incident puts its components in. */
  impact: ComponentState;
  /** The update resolves the incident. */
  resolved: boolean;
  /** The affected components, by id and public title. */
  components: { id: string; title: string }[];
  /** ISO 8601. */
  at: string;
}
