import { INCIDENTS_SIGNAL_CHANNEL } from '@firebreak/plugin-incidents-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeIncident,
  makePage,
  mockIncidentsApi,
} from '../../testing/fixtures';
import { mockSignalApi, renderWithApis } from '../../__testUtils__/render';
import { MyPages } from './MyPages';

describe('MyPages', () => {
  it("lists the user's pages waiting for acknowledgement and acknowledges one", async () => {
    const api = mockIncidentsApi();
    const page = makePage({ incidentRef: 'INC-7', reason: 'Checkout down' });
    const older = makePage({
      incidentRef: 'INC-3',
      reason: 'Old one',
      status: 'acknowledged',
      acknowledgedAt: new Date(Date.now() - 60_000).toISOString(),
      acknowledgedBy: 'user:default/guest',
    });
    const ancient = makePage({
      incidentRef: 'INC-1',
      reason: 'Long ago',
      acknowledgedAt: new Date(Date.now() - 48 * 3600_000).toISOString(),
    });
    api.listPages.mockResolvedValueOnce({ items: [page, older, ancient] });
    api.listPages.mockResolvedValue({
      items: [
        {
          ...page,
          status: 'acknowledged',
          acknowledgedAt: new Date().toISOString(),
          acknowledgedBy: 'user:default/guest',
        },
        older,
      ],
    });
    api.getIncident.mockImplementation(async ref =>
      makeIncident({
        number: Number(ref.slice(4)),
        title: `Incident ${ref}`,
        severity: 'SEV1',
      }),
    );
    api.acknowledgePage.mockResolvedValue(page);
    await renderWithApis(<MyPages />, { api });

    const region = await screen.findByRole('region', { name: 'My pages' });
    expect(api.listPages).toHaveBeenCalledWith({ mine: true, limit: 50 });
    expect(region).toHaveTextContent('1 waiting for your acknowledgement');
    const items = within(region).getAllByTestId('my-page');
    expect(items).toHaveLength(2);
    await waitFor(() =>
      expect(
        within(items[0]).getByRole('link', { name: 'INC-7 Incident INC-7' }),
      ).toHaveAttribute('href', '/incidents/INC-7'),
    );
    expect(items[0]).toHaveTextContent('Checkout down');
    expect(items[0]).toHaveTextContent(
      /Paged by alice 3m ago · for storefront/,
    );
    expect(items[1]).toHaveTextContent('Acknowledged');

    await userEvent.click(
      within(items[0]).getByRole('button', {
        name: 'Acknowledge page for INC-7',
      }),
    );
    expect(api.acknowledgePage).toHaveBeenCalledWith(page.id);
    await waitFor(() =>
      expect(region).toHaveTextContent('Nothing waiting for you'),
    );
    expect(within(region).getAllByTestId('my-page')[0]).toHaveTextContent(
      'Acknowledged',
    );
  });

  it('renders nothing when nobody paged the user, and refreshes on a page signal', async () => {
    const api = mockIncidentsApi();
    const signals = mockSignalApi();
    api.listPages.mockResolvedValueOnce({ items: [] });
    api.listPages.mockResolvedValue({
      items: [makePage({ incidentRef: 'INC-9' })],
    });
    await renderWithApis(<MyPages />, { api, signals });
    await waitFor(() => expect(api.listPages).toHaveBeenCalledTimes(1));
    expect(
      screen.queryByRole('region', { name: 'My pages' }),
    ).not.toBeInTheDocument();

    act(() =>
      signals.publish(INCIDENTS_SIGNAL_CHANNEL, {
        incidentId: 'x',
        incidentRef: 'INC-9',
        version: 2,
        kind: 'pages',
      }),
    );
    expect(
      await screen.findByRole('region', { name: 'My pages' }),
    ).toHaveTextContent('1 waiting for your acknowledgement');
  });
});
