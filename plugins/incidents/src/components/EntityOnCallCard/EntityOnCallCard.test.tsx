import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import {
  checkoutEntity,
  makeOnCall,
  mockIncidentsApi,
  responseError,
} from '../../testing/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { EntityOnCallCard } from './EntityOnCallCard';

const storefront = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'storefront', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

describe('EntityOnCallCard', () => {
  it("shows a service's owner group and who is on call now and next", async () => {
    const api = mockIncidentsApi();
    api.getOnCall.mockResolvedValue(
      makeOnCall({ entityRef: 'component:default/checkout' }),
    );
    await renderWithApis(
      <EntityProvider entity={checkoutEntity}>
        <EntityOnCallCard />
      </EntityProvider>,
      { api },
    );

    const now = await screen.findByTestId('oncall-current');
    expect(api.getOnCall).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
    });
    expect(within(now).getByRole('link', { name: 'guest' })).toHaveAttribute(
      'href',
      '/catalog/default/user/guest',
    );
    // Words, not "Until in 5d": when the shift hands over.
    expect(now).toHaveTextContent(/Hands over in (4d 23h|5d)/);
    expect(now).not.toHaveTextContent(/Until in/);
    const next = screen.getByTestId('oncall-next');
    expect(within(next).getByRole('link', { name: 'alice' })).toBeVisible();
    expect(next).toHaveTextContent(/Takes over in (4d 23h|5d)/);
    expect(screen.getByText('Owner')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'storefront' })).toBeVisible();
    // Escalation names whom a page reaches next, not the person on call now.
    const escalation = screen.getByTestId('oncall-escalation');
    expect(escalation).toHaveTextContent(
      'Unacknowledged pages go to alice (next on call), then ivan (lead)',
    );
    expect(
      within(escalation).getByRole('link', { name: 'ivan' }),
    ).toBeVisible();
    expect(screen.getByText('Schedule storefront-primary')).toBeVisible();
  });

  it('says when the lead is the person on call now', async () => {
    const api = mockIncidentsApi();
    api.getOnCall.mockResolvedValue(
      makeOnCall({
        leadRef: 'user:default/guest',
        rotation: ['user:default/guest'],
      }),
    );
    await renderWithApis(
      <EntityProvider entity={storefront}>
        <EntityOnCallCard />
      </EntityProvider>,
      { api },
    );
    expect(await screen.findByTestId('oncall-escalation')).toHaveTextContent(
      'Unacknowledged pages go to guest (lead, on call now)',
    );
  });

  it('asks for the group itself on a Group page', async () => {
    const api = mockIncidentsApi();
    await renderWithApis(
      <EntityProvider entity={storefront}>
        <EntityOnCallCard />
      </EntityProvider>,
      { api },
    );
    await screen.findByTestId('oncall-current');
    expect(api.getOnCall).toHaveBeenCalledWith({
      groupRef: 'group:default/storefront',
    });
    expect(screen.queryByText('Owner')).not.toBeInTheDocument();
  });

  it('says when no schedule covers the group', async () => {
    const api = mockIncidentsApi();
    api.getOnCall.mockResolvedValue(
      makeOnCall({
        hasSchedule: false,
        scheduleId: undefined,
        current: undefined,
        next: undefined,
        leadRef: undefined,
        rotation: [],
      }),
    );
    await renderWithApis(
      <EntityProvider entity={storefront}>
        <EntityOnCallCard />
      </EntityProvider>,
      { api },
    );
    expect(
      await screen.findByText(/No on-call schedule covers this group/),
    ).toBeInTheDocument();
  });

  it('explains an entity without an owning group', async () => {
    const api = mockIncidentsApi();
    api.getOnCall.mockRejectedValue(
      await responseError(
        404,
        'NotFoundError',
        'Entity component:default/checkout has no owning group (nor has its system or domain)',
      ),
    );
    await renderWithApis(
      <EntityProvider entity={checkoutEntity}>
        <EntityOnCallCard />
      </EntityProvider>,
      { api },
    );
    expect(
      await screen.findByText(/has no owning group \(nor has its system/),
    ).toBeInTheDocument();
  });
});
