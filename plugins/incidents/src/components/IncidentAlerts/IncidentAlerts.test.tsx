import { screen, within } from '@testing-library/react';
import { makeAlert, mockIncidentsApi } from '../../testing/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { IncidentAlerts } from './IncidentAlerts';

describe('IncidentAlerts', () => {
  it("shows the incident's alerts with labels, annotations and the source graph", async () => {
    const api = mockIncidentsApi();
    api.getIncidentAlerts.mockResolvedValue({
      items: [
        makeAlert({
          annotations: {
            description: 'The error rate is 7% over 5 minutes',
            runbook_url: 'https://runbooks.example.com/checkout',
          },
          links: [
            { href: 'https://grafana.example.com/d/1', text: 'Dashboard' },
          ],
          occurrences: 3,
        }),
        makeAlert({
          name: 'CheckoutLatencyHigh',
          status: 'resolved',
          endsAt: new Date(Date.now() - 60_000).toISOString(),
        }),
      ],
      summary: {
        total: 2,
        firing: 1,
        acknowledged: 0,
        resolved: 1,
        cleared: false,
      },
    });
    await renderWithApis(<IncidentAlerts incidentId="INC-42" />, { api });

    const list = await screen.findByRole('list', { name: 'Incident alerts' });
    expect(api.getIncidentAlerts).toHaveBeenCalledWith('INC-42');
    expect(screen.getByText('2 alerts: 1 firing, 1 resolved')).toBeVisible();
    expect(screen.getByText('1 of 2 alerts still active.')).toBeVisible();
    const firing = within(list).getByRole('listitem', {
      name: 'CheckoutHighErrorRate (Firing)',
    });
    expect(firing).toHaveTextContent('fired 3 times');
    expect(
      within(within(firing).getByRole('list', { name: 'Labels' })).getByText(
        'severity=critical',
      ),
    ).toBeVisible();
    expect(firing).toHaveTextContent('The error rate is 7% over 5 minutes');
    expect(
      within(firing).getByRole('link', { name: /Source graph/ }),
    ).toHaveAttribute(
      'href',
      'https://prometheus.example.com/graph?g0.expr=rate',
    );
    expect(
      within(firing).getByRole('link', { name: /Dashboard/ }),
    ).toHaveAttribute('href', 'https://grafana.example.com/d/1');
    expect(
      within(firing).getByRole('link', {
        name: /runbooks\.example\.com\/checkout/,
      }),
    ).toBeVisible();
    expect(
      within(list).getByRole('listitem', {
        name: 'CheckoutLatencyHigh (Resolved)',
      }),
    ).toHaveTextContent('resolved 1m ago');
  });

  it('says when all alerts cleared', async () => {
    const api = mockIncidentsApi();
    api.getIncidentAlerts.mockResolvedValue({
      items: [makeAlert({ status: 'resolved' })],
      summary: {
        total: 1,
        firing: 0,
        acknowledged: 0,
        resolved: 1,
        cleared: true,
        clearedAt: new Date().toISOString(),
      },
    });
    await renderWithApis(<IncidentAlerts incidentId="INC-42" />, { api });
    expect(
      await screen.findByText(/All alerts cleared.*Verify the recovery/),
    ).toBeVisible();
  });

  it('renders nothing for an incident without alerts', async () => {
    const api = mockIncidentsApi();
    await renderWithApis(<IncidentAlerts incidentId="INC-42" />, { api });
    expect(api.getIncidentAlerts).toHaveBeenCalled();
    expect(screen.queryByText('Alerts')).not.toBeInTheDocument();
  });
});
