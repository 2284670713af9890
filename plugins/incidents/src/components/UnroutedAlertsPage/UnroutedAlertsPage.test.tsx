import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fill, makeAlert, mockIncidentsApi } from '../../testing/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { UnroutedAlertsPage } from './UnroutedAlertsPage';

function setup() {
  const api = mockIncidentsApi();
  const alert = makeAlert({
    id: 'a1',
    name: 'DiskAlmostFull',
    summary: 'Disk 95% full on db-7',
    entityRef: undefined,
    routedBy: undefined,
    routeNote: 'no routing label, selector or routing key matched',
    severity: 'SEV3',
    labels: { alertname: 'DiskAlmostFull', instance: 'db-7' },
  });
  api.listUnroutedAlerts.mockResolvedValue({ items: [alert] });
  return { api, alert };
}

describe('UnroutedAlertsPage', () => {
  it('lists the unrouted alerts with why they are unrouted', async () => {
    const { api } = setup();
    await renderWithApis(<UnroutedAlertsPage />, { api });

    const list = await screen.findByRole('list', { name: 'Unrouted alerts' });
    expect(api.listUnroutedAlerts).toHaveBeenCalledWith({
      status: 'active',
      limit: 50,
    });
    expect(list).toHaveTextContent(
      'Unrouted: no routing label, selector or routing key matched',
    );
    expect(list).toHaveTextContent('instance=db-7');
    // The tab bar, with the number of active unrouted alerts.
    expect(
      screen.getByRole('tab', { name: 'Unrouted alerts (1)' }),
    ).toHaveAttribute('aria-selected', 'true');

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'all');
    await waitFor(() =>
      expect(api.listUnroutedAlerts).toHaveBeenLastCalledWith({ limit: 50 }),
    );
  });

  it('routes an alert to an entity, with its group', async () => {
    const { api, alert } = setup();
    api.routeAlert.mockResolvedValue({
      alert: { ...alert, entityRef: 'resource:default/orders-db' },
      incidentId: 'i',
      incidentRef: 'INC-31',
      declared: true,
    });
    await renderWithApis(<UnroutedAlertsPage />, { api });

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Route DiskAlmostFull to an entity',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Route DiskAlmostFull',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Route' }),
    );
    expect(
      within(dialog).getByText('Choose the entity the alert is about'),
    ).toBeVisible();
    await fill(
      userEvent,
      within(dialog).getByLabelText(/Entity/),
      'resource:default/orders-db',
    );
    expect(
      within(dialog).getByRole('checkbox', {
        name: 'Also route the other unrouted alerts of its group',
      }),
    ).toBeChecked();
    const listed = api.listUnroutedAlerts.mock.calls.length;
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Route' }),
    );

    expect(api.routeAlert).toHaveBeenCalledWith('a1', {
      entityRef: 'resource:default/orders-db',
      includeGroup: true,
    });
    const outcome = await screen.findByRole('status');
    expect(outcome).toHaveTextContent('Declared INC-31 from DiskAlmostFull.');
    expect(
      within(outcome).getByRole('link', { name: 'INC-31' }),
    ).toHaveAttribute('href', '/incidents/INC-31');
    // The inbox reloads.
    await waitFor(() =>
      expect(api.listUnroutedAlerts.mock.calls.length).toBeGreaterThan(listed),
    );
  });

  it('declares an incident by hand from an alert', async () => {
    const { api, alert } = setup();
    api.declareFromAlert.mockResolvedValue({
      alert,
      incidentId: 'i',
      incidentRef: 'INC-32',
      declared: true,
    });
    await renderWithApis(<UnroutedAlertsPage />, { api });

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Declare incident from DiskAlmostFull',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Declare incident from DiskAlmostFull',
    });
    // Prefilled from the alert: its summary as title, the severity its rules give.
    expect(within(dialog).getByLabelText('Title')).toHaveValue(
      'Disk 95% full on db-7',
    );
    expect(within(dialog).getByRole('radio', { name: /^SEV3/ })).toBeChecked();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );
    expect(
      within(dialog).getByText('Choose the affected entity'),
    ).toBeVisible();

    await fill(
      userEvent,
      within(dialog).getByLabelText(/Affected entity/),
      'resource:default/orders-db',
    );
    await userEvent.click(within(dialog).getByRole('radio', { name: /^SEV2/ }));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );
    expect(api.declareFromAlert).toHaveBeenCalledWith('a1', {
      severity: 'SEV2',
      title: 'Disk 95% full on db-7',
      // The alert's description annotation.
      summary: 'The error rate is 7% over 5 minutes',
      entityRef: 'resource:default/orders-db',
    });
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Declared INC-32 from DiskAlmostFull.',
    );
  });
});
