import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { incidentsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  makeIncident,
  incidentsByStatus,
  mockIncidentsApi,
} from '../../testing/fixtures';
import { TeamIncidentsCard } from './TeamIncidentsCard';

const commerce = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'commerce', namespace: 'default' },
  spec: { type: 'team', children: ['payments'] },
};

describe('TeamIncidentsCard', () => {
  it("asks the backend for the team's incidents by its ref and marks a sub-team's", async () => {
    const api = mockIncidentsApi();
    api.listIncidents.mockImplementation(
      incidentsByStatus({
        open: [
          makeIncident({
            number: 40,
            title: 'Checkout errors',
            via: ['group:default/payments'],
          }),
          makeIncident({ number: 41, title: 'Cart slow' }),
        ],
        closed: [
          makeIncident({
            number: 7,
            title: 'Old outage',
            phase: 'closed',
          }),
        ],
      }),
    );
    await renderInTestApp(
      <TestApiProvider apis={[[incidentsApiRef, api]]}>
        <EntityProvider entity={commerce}>
          <TeamIncidentsCard />
        </EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/incidents': rootRouteRef,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
    const open = await screen.findByRole('table', {
      name: 'Open incidents of the team',
    });
    expect(within(open).getByTestId('incident-row-INC-40')).toHaveTextContent(
      'via payments',
    );
    expect(
      within(within(open).getByTestId('incident-row-INC-41')).queryByTestId(
        'incident-part-via',
      ),
    ).toBeNull();
    expect(
      within(
        screen.getByRole('table', { name: 'Recent incidents of the team' }),
      ).getByText('Old outage'),
    ).toBeInTheDocument();
    expect(api.listIncidents.mock.calls.map(([o]) => o)).toEqual([
      { ownerRef: 'group:default/commerce', status: 'open', limit: 25 },
      { ownerRef: 'group:default/commerce', status: 'closed', limit: 10 },
    ]);
  });
});
