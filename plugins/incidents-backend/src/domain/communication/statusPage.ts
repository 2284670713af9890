import {
  COMPONENT_STATES,
  ComponentState,
  Severity,
  StatusPage,
  StatusPageComponent,
  StatusPageIncident,
} from '@firebreak/plugin-incidents-common';
import { IMPACT_OF_SEVERITY } from './planCommsUpdate';

/** One published status page update with the public facts of its incident. */
export interface PublicUpdateRow {
  publicIncidentId: string;
  title?: string;
  body: string;
  postedAt: string;
  components: { id: string; title: string }[];
  severity: Severity;
  declaredAt: string;
  /** Recovered (resolved) or closed, whichever came first. */
  resolvedAt?: string;
}

export const STATUS_HISTORY_DAYS = 90;

const DAY = 24 * 60 * 60 * 1000;

/** The worse of two states. */
export function worse(a: ComponentState, b: ComponentState): ComponentState {
  return COMPONENT_STATES.indexOf(a) <= COMPONENT_STATES.indexOf(b) ? a : b;
}

/**
 * The public status page from the published updates alone: components by their public titles
 * with their state (the worst impact of the unresolved public incidents on them), the public
 * incidents with their public updates, and 90 days of history per component.
 */
export function buildStatusPage(input: {
  components: { id: string; title: string }[];
  updates: PublicUpdateRow[];
  now: Date;
}): StatusPage {
  const { now } = input;
  const incidents = groupIncidents(input.updates);
  const firstDay = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate() - (STATUS_HISTORY_DAYS - 1),
  );
  const components: StatusPageComponent[] = input.components.map(component => {
    const touching = incidents.filter(i => i.components.includes(component.id));
    const state = touching
      .filter(i => !i.resolved)
      .reduce<ComponentState>(
        (s, i) => worse(s, i.impactWhileOpen),
        'operational',
      );
    const history = Array.from({ length: STATUS_HISTORY_DAYS }, (_, n) => {
      const start = firstDay + n * DAY;
      const end = start + DAY;
      const dayState = touching
        .filter(
          i =>
            Date.parse(i.startedAt) < end &&
            (i.resolvedAt ? Date.parse(i.resolvedAt) : now.getTime()) >= start,
        )
        .reduce<ComponentState>(
          (s, i) => worse(s, i.impactWhileOpen),
          'operational',
        );
      return {
        date: new Date(start).toISOString().slice(0, 10),
        state: dayState,
      };
    });
    return { ...component, state, history };
  });

  const overall = [
    ...components.map(c => c.state),
    ...incidents.filter(i => !i.resolved).map(i => i.impactWhileOpen),
  ].reduce<ComponentState>(worse, 'operational');

  return {
    generatedAt: now.toISOString(),
    state: overall,
    components,
    incidents: incidents
      .sort(
        (a, b) =>
          Number(a.resolved) - Number(b.resolved) ||
          Date.parse(b.updates[0].at) - Date.parse(a.updates[0].at),
      )
      .map(({ impactWhileOpen: _, ...incident }) => incident),
  };
}

type Grouped = StatusPageIncident & { impactWhileOpen: ComponentState };

function groupIncidents(rows: PublicUpdateRow[]): Grouped[] {
  const byId = new Map<string, PublicUpdateRow[]>();
  for (const row of rows) {
    byId.set(row.publicIncidentId, [
      ...(byId.get(row.publicIncidentId) ?? []),
      row,
    ]);
  }
  return [...byId.entries()].map(([id, updates]) => {
    const sorted = [...updates].sort(
      (a, b) => Date.parse(b.postedAt) - Date.parse(a.postedAt),
    );
    const latest = sorted[0];
    const impactWhileOpen = IMPACT_OF_SEVERITY[latest.severity];
    const resolved = Boolean(latest.resolvedAt);
    return {
      id,
      title: sorted.find(u => u.title)?.title ?? 'Service disruption',
      impact: resolved ? 'operational' : impactWhileOpen,
      impactWhileOpen,
      resolved,
      components: latest.components.map(c => c.id),
      startedAt: latest.declaredAt,
      ...(latest.resolvedAt ? { resolvedAt: latest.resolvedAt } : {}),
      updates: sorted.map(u => ({ at: u.postedAt, body: u.body })),
    };
  });
}
