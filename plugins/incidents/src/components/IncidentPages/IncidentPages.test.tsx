import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makePage,
  mockIncidentsApi,
  responseError,
} from '../../testing/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { IncidentPages } from './IncidentPages';

describe('IncidentPages', () => {
  it('lists who paged whom, when and why, with acknowledgement and escalation', async () => {
    const api = mockIncidentsApi();
    api.getIncidentPages.mockResolvedValue({
      items: [
        makePage({
          targetUserRef: 'user:default/judy',
          reason: 'Checkout is failing',
          acknowledgedAt: new Date(Date.now() - 60_000).toISOString(),
          acknowledgedBy: 'user:default/judy',
          status: 'acknowledged',
        }),
        makePage({
          targetUserRef: 'user:default/mallory',
          status: 'escalated',
          escalatedTo: 'user:default/ivan',
          reason: 'Payments timing out',
        }),
        makePage({
          targetUserRef: undefined,
          targetGroupRef: 'group:default/payments',
          reason: 'Need the whole team',
        }),
      ],
    });
    await renderWithApis(<IncidentPages incidentId="INC-42" canAcknowledge />, {
      api,
    });

    const table = await screen.findByRole('table', { name: 'Pages' });
    const rows = within(table).getAllByTestId('page-row');
    expect(rows[0]).toHaveTextContent(/judy.*for storefront/);
    expect(rows[0]).toHaveTextContent('Checkout is failing');
    expect(rows[0]).toHaveTextContent(/by alice, 3m ago/);
    expect(rows[0]).toHaveTextContent('Acknowledged');
    expect(rows[0]).toHaveTextContent('by judy 1m ago');
    expect(rows[1]).toHaveTextContent('Escalated');
    expect(rows[1]).toHaveTextContent('to ivan');
    expect(rows[2]).toHaveTextContent('Whole group payments');
    expect(rows[2]).toHaveTextContent(/Open.*Acknowledge in 5[67]m/);
    // None of them is addressed to the guest.
    expect(
      screen.queryByRole('button', { name: 'Acknowledge page' }),
    ).not.toBeInTheDocument();
  });

  it("acknowledges the signed-in user's own page", async () => {
    const api = mockIncidentsApi();
    const page = makePage({ targetUserRef: 'user:default/guest' });
    api.getIncidentPages.mockResolvedValueOnce({ items: [page] });
    api.getIncidentPages.mockResolvedValueOnce({
      items: [
        {
          ...page,
          status: 'acknowledged',
          acknowledgedAt: new Date().toISOString(),
          acknowledgedBy: 'user:default/guest',
        },
      ],
    });
    api.acknowledgePage.mockResolvedValue(page);
    const onChanged = jest.fn();
    await renderWithApis(
      <IncidentPages
        incidentId="INC-42"
        canAcknowledge
        onChanged={onChanged}
      />,
      { api },
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Acknowledge page' }),
    );
    expect(api.acknowledgePage).toHaveBeenCalledWith(page.id);
    await waitFor(() =>
      expect(screen.getByTestId('page-row')).toHaveTextContent('Acknowledged'),
    );
    expect(onChanged).toHaveBeenCalled();
    expect(
      screen.queryByRole('button', { name: 'Acknowledge page' }),
    ).not.toBeInTheDocument();
  });

  it('offers a page to a whole group to its members, and shows refusals', async () => {
    const api = mockIncidentsApi();
    api.getIncidentPages.mockResolvedValue({
      items: [
        makePage({
          targetUserRef: undefined,
          targetGroupRef: 'group:default/storefront',
        }),
      ],
    });
    api.acknowledgePage.mockRejectedValue(
      await responseError(403, 'NotAllowedError', 'only its members'),
    );
    await renderWithApis(<IncidentPages incidentId="INC-42" canAcknowledge />, {
      api,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Acknowledge page' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'only its members',
    );
  });

  it('says when nobody has been paged', async () => {
    await renderWithApis(<IncidentPages incidentId="INC-42" canAcknowledge />);
    expect(
      await screen.findByText('Nobody has been paged yet.'),
    ).toBeInTheDocument();
  });
});
