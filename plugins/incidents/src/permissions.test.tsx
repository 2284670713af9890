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
import userEvent from '@testing-library/user-event';
import { incidentsApiRef } from './api';
import { EntityIncidentsContent } from './components/EntityIncidentsContent';
import { IncidentPage } from './components/IncidentPage';
import { MyPages } from './components/MyPages';
import { UnroutedAlertsPage } from './components/UnroutedAlertsPage';
import { rootRouteRef } from './routes';
import {
  checkoutEntity,
  makeAlert,
  makeIncident,
  makePage,
  mockIncidentsApi,
} from './testing/fixtures';

/** The tooltip a disabled control shows on hover (its wrapper takes the pointer). */
async function reasonOf(control: HTMLElement) {
  await userEvent.hover(control.parentElement!);
  const text = (await screen.findByRole('tooltip')).textContent;
  await userEvent.unhover(control.parentElement!);
  await waitFor(() =>
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument(),
  );
  return text;
}

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
    expect(
      await reasonOf(screen.getByRole('button', { name: 'Declare incident' })),
    ).toBe('You need incident.create to declare incidents.');
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
    // The response controls too: paging (incident.page), roles, flags.
    expect(screen.getByRole('button', { name: 'Page owners' })).toBeDisabled();
    expect(permissionApi.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'incident.page' }),
      }),
    );
    expect(
      await screen.findByRole('button', { name: 'Assign QA strategist' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('checkbox', { name: 'Cost impact' }),
    ).toBeDisabled();

    // Each says why, and who may.
    const why = (name: string) =>
      reasonOf(screen.getByRole('button', { name }));
    expect(await why('Root cause found')).toBe(
      'You need incident.update on this incident: by default, only its responders (the declarer, role holders and paged people) and the owners of the services it affects can edit it.',
    );
    expect(await why('Assign QA strategist')).toMatch(
      /^You need incident\.role\.assign on this incident: .* assign its roles\.$/,
    );
    expect(await why('Page owners')).toMatch(
      /^You need incident\.page on this incident: .* page people for it\.$/,
    );
    expect(await why('Add')).toMatch(/^You need incident\.update on/);
    // Asked for this incident, not in general.
    expect(permissionApi.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'incident.role.assign' }),
        resourceRef: expect.any(String),
      }),
    );
  });

  it('disables routing and declaring from unrouted alerts', async () => {
    const api = mockIncidentsApi();
    api.listUnroutedAlerts.mockResolvedValue({
      items: [makeAlert({ name: 'DiskAlmostFull', entityRef: undefined })],
    });
    await render(<UnroutedAlertsPage />, api);
    await waitFor(() =>
      expect(
        screen.getByRole('button', {
          name: 'Route DiskAlmostFull to an entity',
        }),
      ).toBeDisabled(),
    );
    expect(
      screen.getByRole('button', {
        name: 'Declare incident from DiskAlmostFull',
      }),
    ).toBeDisabled();
    expect(permissionApi.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'incident.alert.route' }),
      }),
    );
  });

  it('lets the paged person acknowledge their own page, whatever the policy', async () => {
    const api = mockIncidentsApi();
    api.listPages.mockResolvedValue({
      items: [makePage({ incidentRef: 'INC-4' })],
    });
    await render(<MyPages />, api);
    expect(
      await screen.findByRole('button', { name: 'Acknowledge page for INC-4' }),
    ).toBeEnabled();
  });
});
