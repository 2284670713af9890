import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import {
  checkoutEntity,
  makeAlert,
  mockIncidentsApi,
} from '../../testing/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { EntityAlertsCard } from './EntityAlertsCard';

describe('EntityAlertsCard', () => {
  it("lists the entity's active alerts with the incident they belong to", async () => {
    const api = mockIncidentsApi();
    api.listAlerts.mockResolvedValue({
      items: [makeAlert({ incidentId: 'i', incidentRef: 'INC-12' })],
    });
    await renderWithApis(
      <EntityProvider entity={checkoutEntity}>
        <EntityAlertsCard />
      </EntityProvider>,
      { api },
    );
    const list = await screen.findByRole('list', { name: 'Firing alerts' });
    expect(api.listAlerts).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      status: 'active',
      limit: 50,
    });
    expect(screen.getByText('1 active')).toBeVisible();
    expect(within(list).getByRole('link', { name: 'INC-12' })).toHaveAttribute(
      'href',
      '/incidents/INC-12',
    );
  });

  it('says when nothing fires', async () => {
    await renderWithApis(
      <EntityProvider entity={checkoutEntity}>
        <EntityAlertsCard />
      </EntityProvider>,
    );
    expect(
      await screen.findByText('No alerts firing for Checkout.'),
    ).toBeVisible();
  });
});
