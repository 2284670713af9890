import { discoveryApiRef } from '@backstage/core-plugin-api';
import {
  TestApiProvider,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DemoSignInPage } from './DemoSignInPage';
import { DEMO_USER_HEADER, rememberedDemoUser } from './demoUser';

const users = [
  {
    userEntityRef: 'user:default/alice',
    displayName: 'Alice Okafor',
    teams: [
      {
        groupEntityRef: 'group:default/platform-reliability',
        displayName: 'Platform Reliability',
      },
    ],
  },
  {
    userEntityRef: 'user:default/judy',
    displayName: 'Judy Alvarez',
    teams: [
      { groupEntityRef: 'group:default/storefront', displayName: 'Storefront' },
    ],
  },
];

const token = (sub: string) =>
  `x.${btoa(JSON.stringify({ sub, exp: Date.now() / 1000 + 3600 }))}.y`;

describe('DemoSignInPage', () => {
  const fetchMock = jest.fn();
  beforeEach(() => {
    window.localStorage.clear();
    fetchMock.mockReset();
    global.fetch = fetchMock as any;
  });

  async function render() {
    const onSignInSuccess = jest.fn();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            discoveryApiRef,
            { getBaseUrl: async (id: string) => `http://backend/api/${id}` },
          ],
        ]}
      >
        <DemoSignInPage onSignInSuccess={onSignInSuccess} />
      </TestApiProvider>,
    );
    return onSignInSuccess;
  }

  it("lists the catalog's users with their teams and signs in as the one picked", async () => {
    fetchMock.mockImplementation(async (url: string, init?: RequestInit) => {
      if (url === 'http://backend/api/demo-sign-in/users') {
        return new Response(JSON.stringify({ users }));
      }
      const chosen = new Headers(init?.headers).get(DEMO_USER_HEADER)!;
      return new Response(
        JSON.stringify({
          profile: {},
          backstageIdentity: {
            token: token(chosen),
            identity: {
              type: 'user',
              userEntityRef: chosen,
              ownershipEntityRefs: [chosen, 'group:default/storefront'],
            },
          },
        }),
      );
    });
    const onSignInSuccess = await render();

    const judy = await screen.findByRole('button', {
      name: 'Sign in as Judy Alvarez',
    });
    expect(judy).toHaveTextContent('Storefront');
    await userEvent.type(
      screen.getByLabelText('Find a user or team'),
      'platform',
    );
    expect(
      screen.queryByRole('button', { name: 'Sign in as Judy Alvarez' }),
    ).toBeNull();
    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in as Alice Okafor' }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalled());
    expect(fetchMock).toHaveBeenLastCalledWith(
      'http://backend/api/auth/demo/refresh',
      expect.anything(),
    );
    const identity = onSignInSuccess.mock.calls[0][0];
    expect(await identity.getBackstageIdentity()).toMatchObject({
      userEntityRef: 'user:default/alice',
    });
    expect(rememberedDemoUser()).toBe('user:default/alice');
    await identity.signOut();
    expect(rememberedDemoUser()).toBeUndefined();
  });

  it('says so when the backend refuses the demo sign-in (production)', async () => {
    fetchMock.mockResolvedValue(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message: 'The demo sign-in is refused under the production config',
          },
        }),
        {
          status: 403,
          statusText: 'Forbidden',
          headers: { 'content-type': 'application/json' },
        },
      ),
    );
    await render();
    expect(
      await screen.findByText(/The demo sign-in is not available/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'The demo sign-in is refused under the production config',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Demo users' })).toBeNull();
  });

  it('offers the guest sign-in where the demo sign-in is refused', async () => {
    fetchMock.mockImplementation(async (url: string) => {
      if (url === 'http://backend/api/demo-sign-in/users') {
        return new Response(
          JSON.stringify({ error: { name: 'NotAllowedError', message: 'no' } }),
          { status: 403, headers: { 'content-type': 'application/json' } },
        );
      }
      return new Response(
        JSON.stringify({
          profile: {},
          backstageIdentity: {
            token: token('user:default/guest'),
            identity: {
              type: 'user',
              userEntityRef: 'user:default/guest',
              ownershipEntityRefs: ['user:default/guest'],
            },
          },
        }),
      );
    });
    const onSignInSuccess = await render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Sign in as guest' }),
    );
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalled());
    expect(fetchMock).toHaveBeenLastCalledWith(
      'http://backend/api/auth/guest/refresh',
      expect.anything(),
    );
    const identity = onSignInSuccess.mock.calls[0][0];
    expect(await identity.getBackstageIdentity()).toMatchObject({
      userEntityRef: 'user:default/guest',
    });
    // Remembered, so that a reload enters as the guest again; signing out forgets it.
    expect(rememberedDemoUser()).toBe('guest');
    await identity.signOut();
    expect(rememberedDemoUser()).toBeUndefined();
  });
});
