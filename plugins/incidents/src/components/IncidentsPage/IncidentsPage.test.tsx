import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { incidentsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  fill,
  makeAlert,
  makeIncident,
  makePage,
  mockIncidentsApi,
} from '../../testing/fixtures';
import { IncidentsPage } from './IncidentsPage';

/** Shows the current query string, so that tests see what the URL holds. */
function Search() {
  return <output data-testid="search">{useLocation().search}</output>;
}

async function renderPage(
  api: ReturnType<typeof mockIncidentsApi>,
  route = '/incidents',
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [incidentsApiRef, api],
        [catalogApiRef, catalogApiMock()],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <Routes>
        <Route
          path="/incidents/*"
          element={
            <>
              <IncidentsPage headerVariant="none" />
              <Search />
            </>
          }
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [route],
      mountedRoutes: {
        '/incidents': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

describe('IncidentsPage', () => {
  it('lists open incidents, filters them and loads more with the cursor', async () => {
    const api = mockIncidentsApi();
    api.listIncidents.mockImplementation(async options => {
      if (options?.cursor === 'page-2') {
        return { items: [makeIncident({ number: 1, title: 'Oldest' })] };
      }
      return {
        items: [makeIncident({ number: 3, title: 'Newest' })],
        nextCursor: 'page-2',
        ...(options?.includeTotal
          ? { total: { count: 1000, capped: true } }
          : {}),
      };
    });
    await renderPage(api);

    const table = await screen.findByRole('table', { name: 'Incidents' });
    expect(within(table).getByText('Newest')).toBeInTheDocument();
    expect(api.listIncidents).toHaveBeenLastCalledWith({
      limit: 25,
      status: 'open',
      includeTotal: true,
    });
    // A capped total says "at least".
    expect(screen.getByText('1,000+ matching')).toBeInTheDocument();
    expect(screen.getByText('Showing 1 of 1,000+')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByText('Oldest')).toBeInTheDocument();
    // Further pages do not count again.
    expect(api.listIncidents).toHaveBeenLastCalledWith({
      limit: 25,
      status: 'open',
      includeTotal: false,
      cursor: 'page-2',
    });

    await userEvent.selectOptions(screen.getByLabelText('Severity'), 'SEV1');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'all');
    await fill(userEvent, screen.getByLabelText('Search'), 'checkout');
    // A search is not counted: the heading says how many are shown, "+" while there are more.
    await waitFor(() =>
      expect(api.listIncidents).toHaveBeenLastCalledWith({
        limit: 25,
        includeTotal: false,
        severity: 'SEV1',
        q: 'checkout',
      }),
    );
    expect(await screen.findByText('1+ matching')).toBeInTheDocument();
  });

  it('opens an incident by its reference', async () => {
    const api = mockIncidentsApi();
    const incident = makeIncident({ number: 9, title: 'Search is slow' });
    api.listIncidents.mockResolvedValue({ items: [incident] });
    api.getIncident.mockResolvedValue(incident);
    await renderPage(api);

    await userEvent.click(await screen.findByRole('link', { name: 'INC-9' }));

    expect(
      await screen.findByRole('heading', { name: 'INC-9 Search is slow' }),
    ).toBeInTheDocument();
    expect(api.getIncident).toHaveBeenCalledWith('INC-9');
  });

  it("shows the user's pages and switches to the unrouted-alerts inbox", async () => {
    const api = mockIncidentsApi();
    api.listPages.mockResolvedValue({
      items: [makePage({ incidentRef: 'INC-4', reason: 'Checkout down' })],
    });
    api.getIncident.mockResolvedValue(makeIncident({ number: 4 }));
    api.listUnroutedAlerts.mockResolvedValue({
      items: [makeAlert({ name: 'DiskAlmostFull', entityRef: undefined })],
    });
    await renderPage(api);

    expect(
      await screen.findByRole('region', { name: 'My pages' }),
    ).toHaveTextContent('Checkout down');
    const tab = await screen.findByRole('tab', {
      name: 'Unrouted alerts (1)',
    });
    expect(tab).toHaveAttribute('href', '/incidents/alerts/unrouted');
    await userEvent.click(tab);
    expect(
      await screen.findByRole('list', { name: 'Unrouted alerts' }),
    ).toHaveTextContent('DiskAlmostFull');
    expect(screen.getByRole('tab', { name: 'Incidents' })).toHaveAttribute(
      'href',
      '/incidents',
    );
  });

  it('keeps the filters in the URL, so that a reload or a shared link keeps them', async () => {
    const api = mockIncidentsApi();
    await renderPage(api, '/incidents?status=closed&severity=SEV1&q=db');
    await screen.findByRole('table', { name: 'Incidents' }).catch(() => {});
    await waitFor(() =>
      expect(api.listIncidents).toHaveBeenLastCalledWith(
        expect.objectContaining({
          limit: 25,
          status: 'closed',
          severity: 'SEV1',
          q: 'db',
        }),
      ),
    );
    expect(screen.getByLabelText('Status')).toHaveValue('closed');
    expect(screen.getByLabelText('Severity')).toHaveValue('SEV1');
    expect(screen.getByLabelText('Search')).toHaveValue('db');

    await userEvent.selectOptions(screen.getByLabelText('Severity'), 'SEV2');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'open');
    await waitFor(() =>
      expect(screen.getByTestId('search')).toHaveTextContent(
        '?severity=SEV2&q=db',
      ),
    );
  });

  it.each([
    '/incidents/postmortems-of-old',
    '/incidents/INC-x',
    '/incidents/a/b',
  ])('shows a not-found page for %s, which names no incident', async route => {
    const api = mockIncidentsApi();
    await renderPage(api, route);
    expect(await screen.findByText('Page not found')).toBeInTheDocument();
    expect(screen.queryByText(/It may have been deleted/)).toBeNull();
    expect(api.getIncident).not.toHaveBeenCalled();
    expect(
      screen.getByRole('button', { name: 'All incidents' }),
    ).toHaveAttribute('href', '/incidents');
  });

  it('has a "My pages" section with the number of open pages', async () => {
    const api = mockIncidentsApi();
    api.listPages.mockImplementation(async options =>
      options?.status === 'open'
        ? { items: [makePage({ incidentRef: 'INC-4' })] }
        : { items: [] },
    );
    await renderPage(api, '/incidents/my-pages');
    expect(
      await screen.findByRole('tab', { name: 'My pages (1)' }),
    ).toHaveAttribute('href', '/incidents/my-pages');
    expect(api.listPages).toHaveBeenCalledWith({
      mine: true,
      status: 'open',
      limit: 100,
    });
    expect(
      await screen.findByRole('region', { name: 'My pages' }),
    ).toHaveTextContent('Nobody has paged you.');
  });
});
