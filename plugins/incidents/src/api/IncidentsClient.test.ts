import { ResponseError } from '@backstage/errors';
import { IncidentsClient } from './IncidentsClient';

const BASE = 'http://localhost:7007/api/incidents';

function setup(response: { status?: number; body?: unknown } = {}) {
  const status = response.status ?? 200;
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(response.body ?? {}), {
        status,
        statusText: status === 200 ? 'OK' : 'Error',
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const getBaseUrl = jest.fn(async (_pluginId: string) => BASE);
  const client = new IncidentsClient({
    discoveryApi: { getBaseUrl },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  const call = (n = 0) => {
    const [url, init] = fetch.mock.calls[n];
    return {
      url,
      method: init?.method,
      body: init?.body ? JSON.parse(init.body as string) : undefined,
      headers: init?.headers,
    };
  };
  return { client, fetch, getBaseUrl, call };
}

describe('IncidentsClient', () => {
  it('discovers the incidents backend and reads the policy', async () => {
    const { client, getBaseUrl, call } = setup({ body: { severities: [] } });
    await expect(client.getPolicy()).resolves.toEqual({ severities: [] });
    expect(getBaseUrl).toHaveBeenCalledWith('incidents');
    expect(call()).toMatchObject({ url: `${BASE}/v1/policy`, method: 'GET' });
  });

  it('lists incidents with comma-separated filters and a cursor', async () => {
    const { client, call } = setup({ body: { items: [], nextCursor: 'c2' } });
    const page = await client.listIncidents({
      entityRef: 'component:default/checkout',
      status: ['open', 'closed'],
      severity: ['SEV1', 'SEV2'],
      q: '  payments ',
      cursor: 'c1',
      limit: 25,
    });
    expect(page.nextCursor).toBe('c2');
    const url = new URL(call().url);
    expect(url.origin + url.pathname).toBe(`${BASE}/v1/incidents`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      entityRef: 'component:default/checkout',
      status: 'open,closed',
      severity: 'SEV1,SEV2',
      q: 'payments',
      cursor: 'c1',
      limit: '25',
    });
  });

  it("lists a team's incidents by its ref (the backend adds its sub-teams)", async () => {
    const { client, call } = setup({ body: { items: [] } });
    await client.listIncidents({
      ownerRef: 'group:default/payments',
      status: 'open',
    });
    expect(Object.fromEntries(new URL(call().url).searchParams)).toEqual({
      ownerRef: 'group:default/payments',
      status: 'open',
    });
  });

  it('leaves out empty filters', async () => {
    const { client, call } = setup({ body: { items: [] } });
    await client.listIncidents({ q: ' ' });
    expect(call().url).toBe(`${BASE}/v1/incidents`);
  });

  it('declares an incident with a JSON body', async () => {
    const { client, call } = setup({ status: 201, body: { ref: 'INC-7' } });
    const request = {
      title: 'Checkout down',
      severity: 'SEV1' as const,
      affectedEntityRefs: ['component:default/checkout'],
      regions: ['eu-west-1'],
    };
    await expect(client.declareIncident(request)).resolves.toEqual({
      ref: 'INC-7',
    });
    expect(call()).toEqual({
      url: `${BASE}/v1/incidents`,
      method: 'POST',
      body: request,
      headers: { 'Content-Type': 'application/json' },
    });
  });

  it('addresses incidents by reference for reads, edits and transitions', async () => {
    const { client, call } = setup({ body: {} });
    await client.getIncident('INC-7');
    await client.updateIncident('INC-7', { version: 3, title: 'New' });
    await client.transitionIncident('INC-7', {
      transition: 'start-triage',
      version: 3,
    });
    await client.acknowledgeIncident('INC-7');
    expect(call(0)).toMatchObject({
      url: `${BASE}/v1/incidents/INC-7`,
      method: 'GET',
    });
    expect(call(1)).toMatchObject({
      url: `${BASE}/v1/incidents/INC-7`,
      method: 'PATCH',
      body: { version: 3, title: 'New' },
    });
    expect(call(2)).toMatchObject({
      url: `${BASE}/v1/incidents/INC-7/transitions`,
      method: 'POST',
      body: { transition: 'start-triage', version: 3 },
    });
    expect(call(3)).toMatchObject({
      url: `${BASE}/v1/incidents/INC-7/acknowledge`,
      method: 'POST',
      body: undefined,
    });
  });

  it('reads and writes the timeline', async () => {
    const { client, call } = setup({ body: { items: [] } });
    await client.getTimeline('INC-7', { cursor: 'abc', limit: 50 });
    await client.addTimelineEntry('INC-7', {
      kind: 'evidence',
      body: 'Error rate back to baseline',
      url: 'https://grafana.example.com/d/1',
      verifiesFix: true,
    });
    expect(call(0)).toMatchObject({
      url: `${BASE}/v1/incidents/INC-7/timeline?cursor=abc&limit=50`,
      method: 'GET',
    });
    expect(call(1)).toMatchObject({
      url: `${BASE}/v1/incidents/INC-7/timeline`,
      method: 'POST',
      body: {
        kind: 'evidence',
        body: 'Error rate back to baseline',
        url: 'https://grafana.example.com/d/1',
        verifiesFix: true,
      },
    });
  });

  it('asks who is on call for a group or for an entity', async () => {
    const { client, call } = setup({ body: { hasSchedule: true } });
    await client.getOnCall({ groupRef: 'group:default/storefront' });
    await client.getOnCall({ entityRef: 'component:default/checkout' });
    expect(call(0)).toMatchObject({
      url: `${BASE}/v1/oncall?groupRef=group%3Adefault%2Fstorefront`,
      method: 'GET',
    });
    expect(call(1)).toMatchObject({
      url: `${BASE}/v1/oncall?entityRef=component%3Adefault%2Fcheckout`,
      method: 'GET',
    });
  });

  it('reads, assigns and hands off roles', async () => {
    const { client, call } = setup({ body: { roles: [] } });
    await client.getRoles('INC-7');
    await client.getRoleSuggestions('INC-7');
    await client.assignRole('INC-7', {
      role: 'qa-strategist',
      userRef: 'user:default/sam',
      version: 0,
    });
    await client.handoffRole('INC-7', 'incident-commander', {
      toUserRef: 'user:default/alice',
      note: 'Mitigated; watching the error rate',
      version: 2,
    });
    expect(call(0)).toMatchObject({
      url: `${BASE}/v1/incidents/INC-7/roles`,
      method: 'GET',
    });
    expect(call(1)).toMatchObject({
      url: `${BASE}/v1/incidents/INC-7/roles/suggestions`,
      method: 'GET',
    });
    expect(call(2)).toMatchObject({
      url: `${BASE}/v1/incidents/INC-7/roles`,
      method: 'PUT',
      body: { role: 'qa-strategist', userRef: 'user:default/sam', version: 0 },
    });
    expect(call(3)).toMatchObject({
      url: `${BASE}/v1/incidents/INC-7/roles/incident-commander/handoff`,
      method: 'POST',
      body: {
        toUserRef: 'user:default/alice',
        note: 'Mitigated; watching the error rate',
        version: 2,
      },
    });
  });

  it('reads and updates the checklist', async () => {
    const { client, call } = setup({ body: { items: [] } });
    await client.getChecklist('INC-7');
    await client.updateChecklistItem('INC-7', 'validate-in-staging', {
      done: true,
      version: 1,
    });
    expect(call(0)).toMatchObject({
      url: `${BASE}/v1/incidents/INC-7/checklist`,
      method: 'GET',
    });
    expect(call(1)).toMatchObject({
      url: `${BASE}/v1/incidents/INC-7/checklist/validate-in-staging`,
      method: 'PATCH',
      body: { done: true, version: 1 },
    });
  });

  it('pages owners, lists pages and acknowledges one', async () => {
    const { client, call } = setup({ body: { items: [] } });
    await client.getIncidentPages('INC-7');
    await client.pageOwners('INC-7', { reason: 'Checkout is down' });
    await client.listPages({ mine: true, status: 'open', limit: 20 });
    await client.acknowledgePage('5b0c2b9e-1c1e-4c7b-9d55-4b1f4c1d2e3f');
    expect(call(0)).toMatchObject({
      url: `${BASE}/v1/incidents/INC-7/pages`,
      method: 'GET',
    });
    expect(call(1)).toMatchObject({
      url: `${BASE}/v1/incidents/INC-7/pages`,
      method: 'POST',
      body: { reason: 'Checkout is down' },
    });
    expect(call(2)).toMatchObject({
      url: `${BASE}/v1/pages?mine=true&status=open&limit=20`,
      method: 'GET',
    });
    expect(call(3)).toMatchObject({
      url: `${BASE}/v1/pages/5b0c2b9e-1c1e-4c7b-9d55-4b1f4c1d2e3f/acknowledge`,
      method: 'POST',
      body: undefined,
    });
  });

  it('lists, routes and declares from alerts', async () => {
    const { client, call } = setup({ body: { items: [] } });
    await client.listAlerts({
      entityRef: 'component:default/checkout',
      status: 'active',
    });
    await client.listUnroutedAlerts({ status: ['firing', 'resolved'] });
    await client.getIncidentAlerts('INC-7');
    await client.routeAlert('a1', {
      entityRef: 'component:default/checkout',
      includeGroup: true,
    });
    await client.declareFromAlert('a1', {
      severity: 'SEV2',
      entityRef: 'component:default/checkout',
    });
    expect(call(0).url).toBe(
      `${BASE}/v1/alerts?entityRef=component%3Adefault%2Fcheckout&status=active`,
    );
    expect(call(1).url).toBe(
      `${BASE}/v1/alerts/unrouted?status=firing%2Cresolved`,
    );
    expect(call(2).url).toBe(`${BASE}/v1/incidents/INC-7/alerts`);
    expect(call(3)).toMatchObject({
      url: `${BASE}/v1/alerts/a1/route`,
      method: 'POST',
      body: { entityRef: 'component:default/checkout', includeGroup: true },
    });
    expect(call(4)).toMatchObject({
      url: `${BASE}/v1/alerts/a1/declare`,
      method: 'POST',
      body: { severity: 'SEV2', entityRef: 'component:default/checkout' },
    });
  });

  it('throws a ResponseError carrying the server message on non-2xx', async () => {
    const { client } = setup({
      status: 409,
      body: {
        error: {
          name: 'ConflictError',
          message: 'Transition close is not allowed from triage',
        },
        response: { statusCode: 409 },
      },
    });
    const error = await client
      .transitionIncident('INC-7', { transition: 'close' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.cause.message).toBe(
      'Transition close is not allowed from triage',
    );
  });
});
