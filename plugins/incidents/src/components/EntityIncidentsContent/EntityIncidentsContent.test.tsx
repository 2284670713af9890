import { EntityProvider, catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { incidentsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  checkoutEntity,
  makeAlert,
  makeIncident,
  fill,
  incidentsByStatus,
  mockIncidentsApi,
} from '../../testing/fixtures';
import { EntityIncidentsContent } from './EntityIncidentsContent';

function renderTab(
  api: ReturnType<typeof mockIncidentsApi>,
  permissionApi = mockApis.permission(),
  entity = checkoutEntity,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [incidentsApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: [checkoutEntity] })],
        [permissionApiRef, permissionApi],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityIncidentsContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/incidents': rootRouteRef } },
  );
}

describe('EntityIncidentsContent', () => {
  it('lists the entity’s open incidents, most severe first, before its history', async () => {
    const api = mockIncidentsApi();
    api.listIncidents.mockImplementation(
      incidentsByStatus({
        // In the backend's order for sort=severity.
        open: [
          makeIncident({
            number: 11,
            title: 'Checkout down',
            severity: 'SEV1',
          }),
          makeIncident({
            number: 12,
            title: 'Slow search',
            severity: 'SEV3',
          }),
        ],
        closed: [
          makeIncident({
            number: 3,
            title: 'Old outage',
            phase: 'closed',
            closedAt: new Date().toISOString(),
          }),
        ],
      }),
    );

    await renderTab(api);

    const open = await screen.findByRole('table', { name: 'Open incidents' });
    const history = await screen.findByRole('table', {
      name: 'Incident history',
    });
    expect(
      open.compareDocumentPosition(history) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();

    const openRows = within(open).getAllByRole('row').slice(1);
    expect(
      openRows.map(r => within(r).getAllByRole('cell')[0].textContent),
    ).toEqual(['INC-11', 'INC-12']);
    expect(within(open).getByRole('link', { name: 'INC-11' })).toHaveAttribute(
      'href',
      '/incidents/INC-11',
    );
    expect(within(history).getByText('Old outage')).toBeInTheDocument();
    expect(
      within(history).queryByText('Checkout down'),
    ).not.toBeInTheDocument();

    // The backend orders the open ones, a page at a time.
    expect(api.listIncidents).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/checkout',
        status: 'open',
        sort: 'severity',
        limit: 25,
      }),
    );
    expect(screen.getByText('2 open')).toBeInTheDocument();
    expect(api.listIncidents).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/checkout',
        status: 'closed',
      }),
    );
  });

  it('declares an incident prefilled with the entity, then refreshes and shows its ref', async () => {
    const api = mockIncidentsApi();
    const declared = makeIncident({
      number: 42,
      title: 'Payments failing',
      severity: 'SEV1',
    });
    let opened = false;
    api.listIncidents.mockImplementation(async options =>
      options?.status === 'open' && opened
        ? { items: [declared] }
        : { items: [] },
    );
    api.declareIncident.mockImplementation(async () => {
      opened = true;
      return declared;
    });

    await renderTab(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Declare incident' }),
    );

    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('component:default/checkout'),
    ).toBeInTheDocument();
    await fill(
      userEvent,
      within(dialog).getByLabelText('Title'),
      'Payments failing',
    );
    await userEvent.click(within(dialog).getByRole('radio', { name: /^SEV1/ }));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );

    expect(api.declareIncident).toHaveBeenCalledWith({
      title: 'Payments failing',
      severity: 'SEV1',
      affectedEntityRefs: ['component:default/checkout'],
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Declared INC-42: Payments failing');
    const open = await screen.findByRole('table', { name: 'Open incidents' });
    expect(within(open).getByText('Payments failing')).toBeInTheDocument();
  });

  it('shows the alerts firing for the entity', async () => {
    const api = mockIncidentsApi();
    api.listAlerts.mockResolvedValue({
      items: [makeAlert({ name: 'CheckoutHighErrorRate' })],
    });
    await renderTab(api);
    const alerts = await screen.findByRole('list', { name: 'Firing alerts' });
    expect(alerts).toHaveTextContent('CheckoutHighErrorRate');
    expect(api.listAlerts).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      status: 'active',
      limit: 50,
    });
  });

  it('marks incidents of dependencies and hides them on request', async () => {
    const api = mockIncidentsApi();
    api.listIncidents.mockImplementation(
      incidentsByStatus({
        open: [
          makeIncident({
            number: 20,
            title: 'Payments API errors',
            entities: [
              {
                entityRef: 'component:default/payments-api',
                relation: 'affected',
              },
              {
                entityRef: 'component:default/checkout',
                relation: 'downstream',
              },
            ],
          }),
          makeIncident({ number: 21, title: 'Checkout slow' }),
        ],
      }),
    );
    await renderTab(api);
    const open = await screen.findByRole('table', { name: 'Open incidents' });
    await within(open).findByText('Payments API errors');
    expect(within(open).getByTestId('incident-row-INC-20')).toHaveTextContent(
      'via payments-api (dependency)',
    );

    await userEvent.click(
      screen.getByRole('checkbox', {
        name: /Hide incidents of dependencies \(1\)/,
      }),
    );
    expect(within(open).queryByText('Payments API errors')).toBeNull();
    expect(within(open).getByText('Checkout slow')).toBeInTheDocument();
  });

  it("lists a system's incidents with its parts', each saying via which part", async () => {
    const api = mockIncidentsApi();
    api.listIncidents.mockImplementation(
      incidentsByStatus({
        open: [
          makeIncident({
            number: 30,
            title: 'Checkout errors',
            via: ['component:default/checkout'],
          }),
          makeIncident({
            number: 31,
            title: 'Shop down',
            entities: [
              { entityRef: 'system:default/shop', relation: 'affected' },
            ],
          }),
        ],
      }),
    );
    await renderTab(api, undefined, {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'shop', namespace: 'default' },
      spec: { owner: 'group:default/payments' },
    });
    const open = await screen.findByRole('table', { name: 'Open incidents' });
    await within(open).findByText('Checkout errors');
    // One request per list: the backend resolves the parts, not the browser.
    expect(api.listIncidents).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'system:default/shop',
        status: 'open',
      }),
    );
    const row = within(open).getByTestId('incident-row-INC-30');
    expect(row).toHaveTextContent('via checkout');
    expect(row).not.toHaveTextContent('(dependency)');
    expect(
      within(within(open).getByTestId('incident-row-INC-31')).queryByTestId(
        'incident-part-via',
      ),
    ).toBeNull();
    expect(screen.getByText(/, its parts/)).toBeInTheDocument();

    // A part's incident is no dependency: hiding dependencies keeps it.
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Hide incidents of dependencies' }),
    );
    expect(within(open).getByText('Checkout errors')).toBeInTheDocument();
  });
});
