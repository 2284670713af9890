import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fill,
  makeIncident,
  makeOnCall,
  makePage,
  mockIncidentsApi,
  responseError,
} from '../../testing/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { PageOwnersButton } from './PageOwnersButton';

const incident = makeIncident({
  number: 42,
  title: 'Checkout down',
  entities: [
    {
      entityRef: 'component:default/checkout',
      relation: 'affected',
      ownerRef: 'group:default/storefront',
    },
    {
      entityRef: 'component:default/payments-api',
      relation: 'affected',
      ownerRef: 'group:default/payments',
    },
    {
      entityRef: 'component:default/web-shop',
      relation: 'downstream',
      ownerRef: 'group:default/web',
    },
  ],
});

function setup() {
  const api = mockIncidentsApi();
  api.getOnCall.mockImplementation(async options =>
    'groupRef' in options && options.groupRef === 'group:default/payments'
      ? makeOnCall({
          groupRef: options.groupRef,
          current: undefined,
          next: undefined,
        })
      : makeOnCall(),
  );
  return api;
}

async function open(api: ReturnType<typeof mockIncidentsApi>) {
  const onPaged = jest.fn();
  await renderWithApis(
    <PageOwnersButton incident={incident} onPaged={onPaged} />,
    { api },
  );
  await userEvent.click(screen.getByRole('button', { name: 'Page owners' }));
  const dialog = await screen.findByRole('dialog', { name: 'Page owners' });
  return { dialog, onPaged };
}

describe('PageOwnersButton', () => {
  it("shows whom the page reaches: each owning group's on-call by default", async () => {
    const api = setup();
    const { dialog } = await open(api);

    const recipients = within(dialog).getByRole('list', { name: 'Recipients' });
    await waitFor(() =>
      expect(recipients).toHaveTextContent('storefrontOn call now: guest'),
    );
    expect(recipients).toHaveTextContent(
      'paymentsNobody is on call: the whole group is paged',
    );
    // Downstream owners are not paged.
    expect(recipients).not.toHaveTextContent('web');
    expect(api.getOnCall).toHaveBeenCalledWith({
      groupRef: 'group:default/storefront',
    });
    expect(
      within(dialog).getByRole('radio', {
        name: 'On-call of each owning group',
      }),
    ).toBeChecked();
  });

  it('pages the on-call of the owners with a reason', async () => {
    const api = setup();
    const pages = [makePage()];
    api.pageOwners.mockResolvedValue({ items: pages });
    const { dialog, onPaged } = await open(api);

    const reason = within(dialog).getByLabelText(/Reason/);
    expect(reason).toHaveValue('SEV2 Checkout down');
    await userEvent.clear(reason);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Send page' }),
    );
    expect(within(dialog).getByText('Say why you page')).toBeInTheDocument();
    expect(api.pageOwners).not.toHaveBeenCalled();

    await fill(userEvent, reason, 'Checkout returns 502 for 30% of orders');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Send page' }),
    );
    expect(api.pageOwners).toHaveBeenCalledWith('INC-42', {
      reason: 'Checkout returns 502 for 30% of orders',
    });
    await waitFor(() => expect(onPaged).toHaveBeenCalledWith(pages));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('pages whole groups when asked to, and shows server errors', async () => {
    const api = setup();
    api.pageOwners.mockRejectedValue(
      await responseError(400, 'InputError', 'Invalid request body: reason'),
    );
    const { dialog } = await open(api);

    await userEvent.click(
      within(dialog).getByRole('radio', { name: 'Whole group' }),
    );
    expect(
      within(dialog).getByRole('list', { name: 'Recipients' }),
    ).toHaveTextContent('storefrontEvery member of the group');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Send page' }),
    );
    expect(api.pageOwners).toHaveBeenCalledWith('INC-42', {
      reason: 'SEV2 Checkout down',
      wholeGroup: true,
    });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Invalid request body: reason',
    );
  });

  it('offers no "Send page" when no affected entity has an owner', async () => {
    const api = setup();
    const orphan = makeIncident({
      number: 43,
      entities: [
        { entityRef: 'component:default/legacy', relation: 'affected' },
      ],
    });
    await renderWithApis(
      <PageOwnersButton incident={orphan} onPaged={jest.fn()} />,
      { api },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Page owners' }));
    const dialog = await screen.findByRole('dialog', { name: 'Page owners' });
    expect(within(dialog).getByText(/there is nobody to page/)).toBeVisible();
    expect(
      within(dialog).queryByRole('button', { name: 'Send page' }),
    ).toBeNull();
    expect(within(dialog).queryByLabelText(/Reason/)).toBeNull();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.pageOwners).not.toHaveBeenCalled();
  });
});
