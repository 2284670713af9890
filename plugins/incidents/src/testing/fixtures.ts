import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  DEFAULT_SEVERITY_LEVELS,
  Incident,
  IncidentPolicy,
  SEVERITIES,
  TimelineEntry,
} from '@firebreak/plugin-incidents-common';
import { IncidentsApi } from '../api';

export const checkoutEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default', title: 'Checkout' },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
};

export const policy: IncidentPolicy = {
  severities: SEVERITIES.map(s => DEFAULT_SEVERITY_LEVELS[s]),
};

let counter = 0;

export function makeIncident(patch: Partial<Incident> = {}): Incident {
  counter += 1;
  const number = patch.number ?? counter;
  return {
    id: `00000000-0000-4000-8000-${String(number).padStart(12, '0')}`,
    ref: `INC-${number}`,
    number,
    title: `Incident ${number}`,
    summary: '',
    customerImpact: '',
    severity: 'SEV2',
    phase: 'triage',
    regions: [],
    entities: [
      { entityRef: 'component:default/checkout', relation: 'affected' },
    ],
    restricted: false,
    source: 'manual',
    createdBy: 'user:default/guest',
    declaredAt: new Date(Date.now() - 20 * 60_000).toISOString(),
    updatedAt: new Date().toISOString(),
    version: 1,
    ...patch,
  };
}

export function makeEntry(patch: Partial<TimelineEntry> = {}): TimelineEntry {
  counter += 1;
  return {
    id: `entry-${counter}`,
    incidentId: 'incident',
    at: new Date(Date.now() - 5 * 60_000).toISOString(),
    actor: 'user:default/guest',
    kind: 'note',
    body: `Entry ${counter}`,
    details: {},
    ...patch,
  };
}

/** An IncidentsApi whose methods are jest mocks, with harmless defaults. */
export function mockIncidentsApi(): jest.Mocked<IncidentsApi> {
  return {
    getPolicy: jest.fn().mockResolvedValue(policy),
    listIncidents: jest.fn().mockResolvedValue({ items: [] }),
    getIncident: jest.fn(),
    declareIncident: jest.fn(),
    updateIncident: jest.fn(),
    transitionIncident: jest.fn(),
    acknowledgeIncident: jest.fn(),
    getTimeline: jest.fn().mockResolvedValue({ items: [] }),
    addTimelineEntry: jest.fn(),
  };
}

/** A ResponseError as the client throws it for a Backstage error body. */
export async function responseError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: status === 409 ? 'Conflict' : 'Bad Request',
        headers: { 'Content-Type': 'application/json' },
      },
    ) as any,
  );
}

/** Types `text` into `field` in one go (pasting), much faster than per-key typing. */
export async function fill(
  user: {
    click(e: Element): Promise<void>;
    paste(text: string): Promise<void>;
  },
  field: Element,
  text: string,
) {
  await user.click(field);
  await user.paste(text);
}
