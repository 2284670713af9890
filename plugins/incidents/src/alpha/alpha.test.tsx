import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { incidentsApiRef } from '../api';
import { rootRouteRef } from '../routes';
import {
  checkoutEntity,
  makeIncident,
  mockIncidentsApi,
} from '../testing/fixtures';
import incidentsPlugin, {
  entityIncidentsContent,
  entityOnCallCard,
  entityOpenIncidentsCard,
  incidentsPage,
} from './index';

const entityOfKind = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

function apis(api = mockIncidentsApi()) {
  return [
    [incidentsApiRef, api],
    [catalogApiRef, catalogApiMock({ entities: [checkoutEntity] })],
    [permissionApiRef, mockApis.permission()],
  ] as const;
}

describe('incidents plugin (new frontend system)', () => {
  it('is the default export with id "incidents"', () => {
    expect(incidentsPlugin.pluginId).toBe('incidents');
    expect(incidentsPlugin.routes.root).toBeDefined();
    expect(incidentsPlugin.routes.unroutedAlerts).toBeDefined();
    for (const id of [
      'api:incidents',
      'page:incidents',
      'entity-content:incidents',
      'entity-card:incidents/open-incidents',
      'entity-card:incidents/on-call',
    ] as const) {
      expect(incidentsPlugin.getExtension(id)).toBeDefined();
    }
  });

  it('provides an "Incidents" entity tab for components, systems and resources', () => {
    const tester = createExtensionTester(entityIncidentsContent, {
      apis: apis(),
    });
    expect(tester.get(coreExtensionData.routePath)).toBe('incidents');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Incidents');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(entityOfKind('Component'))).toBe(true);
    expect(filter(entityOfKind('System'))).toBe(true);
    expect(filter(entityOfKind('Resource'))).toBe(true);
    expect(filter(entityOfKind('API'))).toBe(false);
    expect(filter(entityOfKind('Group'))).toBe(false);
  });

  it('renders the entity tab on an entity page', async () => {
    const api = mockIncidentsApi();
    api.listIncidents.mockImplementation(async options =>
      options?.status === 'open'
        ? { items: [makeIncident({ number: 5, title: 'Checkout degraded' })] }
        : { items: [] },
    );
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: checkoutEntity }),
        entityIncidentsContent,
      ],
      apis: apis(api),
    });
    expect(await screen.findByText('Checkout degraded')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Declare incident' }),
    ).toBeInTheDocument();
  });

  it('mounts the incidents page at /incidents and renders it', async () => {
    const api = mockIncidentsApi();
    api.listIncidents.mockResolvedValue({
      items: [makeIncident({ number: 8, title: 'Login broken' })],
    });
    const tester = createExtensionTester(incidentsPage, { apis: apis(api) });
    expect(tester.get(coreExtensionData.routePath)).toBe('/incidents');
    expect(tester.get(coreExtensionData.title)).toBe('Incidents');

    renderInTestApp(tester.reactElement(), {
      apis: apis(api),
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(await screen.findByText('Login broken')).toBeInTheDocument();
  });

  it('offers an "Open incidents" entity card', async () => {
    const api = mockIncidentsApi();
    api.listIncidents.mockResolvedValue({
      items: [
        makeIncident({ number: 6, title: 'Queue backlog', severity: 'SEV3' }),
      ],
    });
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: checkoutEntity }),
        entityOpenIncidentsCard,
      ],
      apis: apis(api),
      mountedRoutes: { '/incidents': rootRouteRef },
    });
    expect(
      await screen.findByRole('link', { name: 'INC-6 Queue backlog' }),
    ).toHaveAttribute('href', '/incidents/INC-6');
    expect(screen.getByText('Open incidents')).toBeInTheDocument();
  });

  it('routes from the list to an incident page inside the installed plugin', async () => {
    const api = mockIncidentsApi();
    const incident = makeIncident({ number: 8, title: 'Login broken' });
    api.listIncidents.mockResolvedValue({ items: [incident] });
    api.getIncident.mockResolvedValue(incident);
    renderTestApp({
      features: [incidentsPlugin],
      apis: apis(api),
      initialRouteEntries: ['/incidents'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    const link = await screen.findByRole('link', { name: 'INC-8' });
    expect(link).toHaveAttribute('href', '/incidents/INC-8');
    await userEvent.click(link);
    expect(
      await screen.findByRole('heading', { name: 'INC-8 Login broken' }),
    ).toBeInTheDocument();
    expect(api.getIncident).toHaveBeenCalledWith('INC-8');
  });

  it('offers an "On-call" card on groups and on what they own', async () => {
    const tester = createExtensionTester(entityOnCallCard, { apis: apis() });
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(entityOfKind('Group'))).toBe(true);
    expect(filter(entityOfKind('Component'))).toBe(true);
    expect(filter(entityOfKind('System'))).toBe(true);
    expect(filter(entityOfKind('Resource'))).toBe(true);
    expect(filter(entityOfKind('User'))).toBe(false);

    const api = mockIncidentsApi();
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: checkoutEntity }),
        entityOnCallCard,
      ],
      apis: apis(api),
    });
    expect(await screen.findByText('On-call')).toBeInTheDocument();
    expect(await screen.findByTestId('oncall-current')).toHaveTextContent(
      'guest',
    );
    expect(api.getOnCall).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
    });
  });
});
