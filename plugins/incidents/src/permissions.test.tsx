// Its own file: usePermission caches decisions per permission (SWR) for the test run.
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { incidentsApiRef } from './api';
import { EntityIncidentsContent } from './components/EntityIncidentsContent';
import { IncidentPage } from './components/IncidentPage';
import { rootRouteRef } from './routes';
import {
  checkoutEntity,
  makeIncident,
  mockIncidentsApi,
} from './testing/fixtures';

describe('without permissions', () => {
  const permissionApi = {
    authorize: jest.fn().mockResolvedValue({ result: 'DENY' }),
  };
  const render = (element: JSX.Element, api = mockIncidentsApi()) =>
    renderInTestApp(
      <TestApiProvider
        apis={[
          [incidentsApiRef, api],
          [catalogApiRef, catalogApiMock()],
          [permissionApiRef, permissionApi as any],
        ]}
      >
        {element}
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/incidents': rootRouteRef,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );

  it('disables "Declare incident" without incident.create', async () => {
    await render(
      <EntityProvider entity={checkoutEntity}>
        <EntityIncidentsContent />
      </EntityProvider>,
    );
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Declare incident' }),
      ).toBeDisabled(),
    );
    expect(permissionApi.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'incident.create' }),
      }),
    );
  });

  it('disables transitions and timeline writes without incident.update', async () => {
    const api = mockIncidentsApi();
    api.getIncident.mockResolvedValue(
      makeIncident({ number: 42, phase: 'triage' }),
    );
    await render(<IncidentPage id="INC-42" />, api);

    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Root cause found' }),
      ).toBeDisabled(),
    );
    expect(
      screen.getByRole('button', { name: 'Escalate to specialists' }),
    ).toBeDisabled();
    expect(screen.getByLabelText('Add to timeline')).toBeDisabled();
    expect(permissionApi.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'incident.update' }),
      }),
    );
  });
});
