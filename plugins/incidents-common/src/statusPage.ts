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

/** @public */
export type ComponentState = (typeof COMPONENT_STATES)[number];

/** @public */
export const COMPONENT_STATE_TITLES: Record<ComponentState, string> = {
  'major-outage': 'Major outage',
  'partial-outage': 'Partial outage',
  degraded: 'Degraded performance',
  operational: 'Operational',
};

/** @public */
export interface StatusPageDay {
  /** YYYY-MM-DD (UTC). */
  date: string;
  /** The worst state of the day. */
  state: ComponentState;
}

/** @public */
export interface StatusPageComponent {
  /** Opaque id derived from the public title. */
  id: string;
  title: string;
  state: ComponentState;
  /** The last 90 days, oldest first. */
  history: StatusPageDay[];
}

/** @public */
export interface StatusPageUpdate {
  /** ISO 8601. */
  at: string;
  body: string;
}

/** @public */
export interface StatusPageIncident {
  /** Opaque public id. */
  id: string;
  title: string;
  impact: ComponentState;
  resolved: boolean;
  /** Ids of the components it affects. */
  components: string[];
  startedAt: string;
  resolvedAt?: string;
  /** Newest first. */
  updates: StatusPageUpdate[];
}

/** @public */
export interface StatusPage {
  generatedAt: string;
  /** The worst state of any component. */
  state: ComponentState;
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
  title: string;
  body: string;
  impact: ComponentState;
  resolved: boolean;
  components: { id: string; title: string }[];
  /** ISO 8601. */
  at: string;
}
