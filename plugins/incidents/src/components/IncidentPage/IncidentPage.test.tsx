import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import {
  INCIDENTS_SIGNAL_CHANNEL,
  Incident,
  TRANSITIONS,
  allowedTransitions,
} from '@firebreak/plugin-incidents-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { incidentsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  fill,
  makeEntry,
  makeIncident,
  makePage,
  makeRoleSlots,
  mockIncidentsApi,
  responseError,
} from '../../testing/fixtures';
import { mockSignalApi, renderWithApis } from '../../__testUtils__/render';
import { IncidentPage } from './IncidentPage';

async function renderPage(api: ReturnType<typeof mockIncidentsApi>) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [incidentsApiRef, api],
        [catalogApiRef, catalogApiMock()],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <IncidentPage id="INC-42" />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/incidents': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  await screen.findByRole('heading', { name: /INC-42/ });
}

const transitionTitles = [...new Set(TRANSITIONS.map(t => t.title))];

function expectOnlyTransitionButtons(incident: Incident) {
  const allowed = allowedTransitions(incident.phase, incident.severity).map(
    t => t.title,
  );
  for (const title of transitionTitles) {
    const button = screen.queryByRole('button', { name: title });
    if (allowed.includes(title)) {
      expect(button).toBeInTheDocument();
    } else {
      expect(button).not.toBeInTheDocument();
    }
  }
}

describe('IncidentPage', () => {
  it('shows the header, SLA clocks and only the allowed next steps of a SEV2 in triage', async () => {
    const api = mockIncidentsApi();
    const incident = makeIncident({
      number: 42,
      title: 'Checkout returns 502',
      severity: 'SEV2',
      phase: 'triage',
      acknowledgedAt: new Date(Date.now() - 15 * 60_000).toISOString(),
      regions: ['eu-west-1'],
      summary: 'Gateway errors',
    });
    api.getIncident.mockResolvedValue(incident);
    await renderPage(api);

    expect(
      screen.getByRole('heading', { name: 'INC-42 Checkout returns 502' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Declared 20m ago')).toBeInTheDocument();
    expect(
      screen.getByLabelText('Phase: Triage & containment'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: /component:default\/checkout|checkout/,
      }),
    ).toBeInTheDocument();

    // SEV2: acknowledge within 1 hour (met after 5m), mitigate within 4 hours (running).
    expect(
      within(screen.getByTestId('sla-acknowledge')).getByText('Met'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('sla-mitigation')).getByText('Running'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('sla-mitigation')).getByText(
        /^Time to mitigation: 3h (39|40)m remaining \(target 4 hours\)$/,
      ),
    ).toBeInTheDocument();

    expect(
      screen.getByRole('button', { name: 'Root cause found' }),
    ).toBeEnabled();
    expect(
      screen.getByRole('button', { name: 'Escalate to specialists' }),
    ).toBeEnabled();
    expectOnlyTransitionButtons(incident);
  });

  it('offers "Track in backlog" only for a declared SEV4', async () => {
    const api = mockIncidentsApi();
    const incident = makeIncident({
      number: 42,
      severity: 'SEV4',
      phase: 'declared',
    });
    api.getIncident.mockResolvedValue(incident);
    await renderPage(api);

    expect(
      screen.getByRole('button', { name: 'Track in backlog' }),
    ).toBeInTheDocument();
    expectOnlyTransitionButtons(incident);
    expect(
      screen.queryByRole('button', { name: 'Start triage & containment' }),
    ).not.toBeInTheDocument();
  });

  it('posts the chosen transition with the current version and moves on', async () => {
    const api = mockIncidentsApi();
    const incident = makeIncident({
      number: 42,
      severity: 'SEV1',
      phase: 'triage',
      version: 5,
    });
    const escalated = { ...incident, phase: 'escalated' as const, version: 6 };
    api.getIncident.mockResolvedValue(incident);
    api.transitionIncident.mockResolvedValue({
      incident: escalated,
      transition: { id: 'escalate', from: 'triage', to: 'escalated' },
    });
    await renderPage(api);

    await userEvent.click(
      screen.getByRole('button', { name: 'Escalate to specialists' }),
    );

    expect(api.transitionIncident).toHaveBeenCalledWith('INC-42', {
      transition: 'escalate',
      version: 5,
    });
    expect(
      await screen.findByRole('button', {
        name: 'Specialists found the cause: begin resolution',
      }),
    ).toBeInTheDocument();
    expectOnlyTransitionButtons(escalated);
    expect(
      screen.getByText('Current phase: Escalated to specialists'),
    ).toBeInTheDocument();
    // The timeline is reloaded to show the transition entry.
    await waitFor(() => expect(api.getTimeline).toHaveBeenCalledTimes(2));
  });

  it('shows a 409 conflict message and reloads the incident', async () => {
    const api = mockIncidentsApi();
    const incident = makeIncident({
      number: 42,
      severity: 'SEV1',
      phase: 'triage',
      version: 5,
    });
    api.getIncident.mockResolvedValue(incident);
    api.transitionIncident.mockRejectedValue(
      await responseError(
        409,
        'ConflictError',
        'INC-42 changed since version 5; allowed next steps: root-cause-found, escalate',
      ),
    );
    await renderPage(api);

    await userEvent.click(
      screen.getByRole('button', { name: 'Root cause found' }),
    );

    expect(
      await screen.findByText(
        'INC-42 changed since version 5; allowed next steps: root-cause-found, escalate',
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.getIncident).toHaveBeenCalledTimes(2));
  });

  it('renders the timeline and adds a note to it', async () => {
    const api = mockIncidentsApi();
    api.getIncident.mockResolvedValue(makeIncident({ number: 42 }));
    api.getTimeline.mockResolvedValue({
      items: [
        makeEntry({
          kind: 'declared',
          body: 'Declared as SEV2',
          actor: 'user:default/alice',
        }),
        makeEntry({
          kind: 'evidence',
          body: 'Error rate graph',
          details: {
            url: 'https://grafana.example.com/d/checkout',
            verifiesFix: true,
          },
        }),
      ],
    });
    const note = makeEntry({ kind: 'note', body: 'Rolled back release 2.3.1' });
    api.addTimelineEntry.mockResolvedValue(note);
    await renderPage(api);

    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    const entries = within(timeline).getAllByTestId('timeline-entry');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toHaveTextContent('Declared as SEV2');
    expect(entries[1]).toHaveTextContent('Error rate graph');
    expect(
      within(entries[1]).getByRole('link', {
        name: /^https:\/\/grafana\.example\.com\/d\/checkout/,
      }),
    ).toHaveAttribute('href', 'https://grafana.example.com/d/checkout');
    expect(
      within(entries[1]).getByText('Verifies the fix'),
    ).toBeInTheDocument();

    await fill(
      userEvent,
      screen.getByLabelText('Add to timeline'),
      'Rolled back release 2.3.1',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));

    expect(api.addTimelineEntry).toHaveBeenCalledWith('INC-42', {
      kind: 'note',
      body: 'Rolled back release 2.3.1',
    });
    await waitFor(() =>
      expect(within(timeline).getAllByTestId('timeline-entry')).toHaveLength(3),
    );
    expect(
      within(timeline).getAllByTestId('timeline-entry')[2],
    ).toHaveTextContent('Rolled back release 2.3.1');
    expect(screen.getByLabelText('Add to timeline')).toHaveValue('');
  });

  it('shows owners, roles, pages and the checklist of the response', async () => {
    const api = mockIncidentsApi();
    api.getIncident.mockResolvedValue(
      makeIncident({
        number: 42,
        commanderRef: 'user:default/guest',
        entities: [
          {
            entityRef: 'component:default/checkout',
            relation: 'affected',
            ownerRef: 'group:default/storefront',
          },
          {
            entityRef: 'component:default/web-shop',
            relation: 'downstream',
            ownerRef: 'group:default/web',
          },
        ],
      }),
    );
    api.getRoles.mockResolvedValue({
      incidentId: 'x',
      roles: makeRoleSlots({ 'incident-commander': 'user:default/guest' }),
    });
    api.getIncidentPages.mockResolvedValue({
      items: [makePage({ reason: 'Checkout returns 502' })],
    });
    await renderWithApis(<IncidentPage id="INC-42" />, { api });
    await screen.findByRole('heading', { name: /INC-42/ });

    expect(screen.getByText(/Commander:/)).toHaveTextContent(
      'Commander: guest',
    );
    expect(
      screen.getByRole('table', { name: 'Downstream entities' }),
    ).toHaveTextContent('web-shop');
    expect(await screen.findByRole('list', { name: 'Roles' })).toBeVisible();
    expect(
      await screen.findByRole('table', { name: 'Pages' }),
    ).toHaveTextContent('Checkout returns 502');
    // The guest is the one paged.
    expect(
      screen.getByRole('button', { name: 'Acknowledge page' }),
    ).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Page owners' })).toBeEnabled();
    expect(
      screen.getByRole('checkbox', { name: 'Cost impact' }),
    ).toBeInTheDocument();
    expect(api.getChecklist).toHaveBeenCalledWith('INC-42');
    expect(api.getIncidentAlerts).toHaveBeenCalledWith('INC-42');
  });

  it('refreshes everything when the incident is signalled as changed', async () => {
    const api = mockIncidentsApi();
    const incident = makeIncident({ number: 42, version: 3 });
    api.getIncident.mockResolvedValueOnce(incident);
    api.getIncident.mockResolvedValue({
      ...incident,
      version: 4,
      title: 'Renamed by someone else',
    });
    const signals = mockSignalApi();
    await renderWithApis(<IncidentPage id="INC-42" />, { api, signals });
    await screen.findByRole('heading', { name: /INC-42/ });
    await waitFor(() =>
      expect(signals.channels()).toContain(INCIDENTS_SIGNAL_CHANNEL),
    );
    await waitFor(() => expect(api.getRoles).toHaveBeenCalledTimes(1));

    // Another incident's change, on the same channel: nothing to refetch here.
    act(() =>
      signals.publish(INCIDENTS_SIGNAL_CHANNEL, {
        incidentId: 'another-incident',
        incidentRef: 'INC-7',
        version: 2,
        kind: 'updated',
      }),
    );
    expect(api.getRoles).toHaveBeenCalledTimes(1);

    // Changes that came faster than the backend publishes them arrive as one batch.
    act(() =>
      signals.publish(INCIDENTS_SIGNAL_CHANNEL, {
        signals: [
          {
            incidentId: 'another-incident',
            incidentRef: 'INC-7',
            version: 3,
            kind: 'updated',
          },
          {
            incidentId: incident.id,
            incidentRef: 'INC-42',
            version: 4,
            kind: 'updated',
          },
        ],
      }),
    );
    expect(
      await screen.findByRole('heading', {
        name: 'INC-42 Renamed by someone else',
      }),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.getTimeline).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(api.getRoles).toHaveBeenCalledTimes(2));
    expect(api.getIncidentPages).toHaveBeenCalledTimes(2);
    expect(api.getChecklist).toHaveBeenCalledTimes(2);
  });
});
