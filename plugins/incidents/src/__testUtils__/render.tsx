import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  IncidentSignal,
  IncidentSignalBatch,
} from '@firebreak/plugin-incidents-common';
import { ReactElement } from 'react';
import { IncidentsApi, incidentsApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { mockIncidentsApi } from '../testing/fixtures';

/** A signals API whose channels tests can publish on. */
export function mockSignalApi() {
  const subscribers = new Map<string, Set<(message: any) => void>>();
  return {
    subscribe: jest.fn((channel: string, onMessage: (m: any) => void) => {
      const set = subscribers.get(channel) ?? new Set();
      set.add(onMessage);
      subscribers.set(channel, set);
      return { unsubscribe: () => set.delete(onMessage) };
    }),
    publish(channel: string, message: IncidentSignal | IncidentSignalBatch) {
      for (const onMessage of subscribers.get(channel) ?? []) {
        onMessage(message);
      }
    },
    channels: () => [...subscribers.keys()],
  };
}

export interface RenderOptions {
  api?: ReturnType<typeof mockIncidentsApi>;
  /** The signed-in user (default guest, member of storefront). */
  user?: { userEntityRef: string; ownershipEntityRefs: string[] };
  /**
   * Permission decisions: all allowed by default. usePermission caches decisions for the
   * test run (per permission and resource ref), so DENY belongs in a test file of its own
   * (see permissions.test.tsx), or decides by resource ref for incidents of its own.
   */
  permission?:
    | 'ALLOW'
    | 'DENY'
    | ((request: {
        permission: { name: string };
        resourceRef?: string;
      }) => 'ALLOW' | 'DENY');
  signals?: ReturnType<typeof mockSignalApi>;
  entities?: Entity[];
}

/**
 * Renders `element` in a test app with the incidents, catalog, permission, identity and
 * (optionally) signals APIs, and the incidents and entity routes mounted.
 */
export async function renderWithApis(
  element: ReactElement,
  options: RenderOptions = {},
): Promise<{ api: jest.Mocked<IncidentsApi> }> {
  const api = options.api ?? mockIncidentsApi();
  const user = options.user ?? {
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest', 'group:default/storefront'],
  };
  const apis: any[] = [
    [incidentsApiRef, api],
    [catalogApiRef, catalogApiMock({ entities: options.entities ?? [] })],
    [
      permissionApiRef,
      mockApis.permission({
        authorize: (options.permission ?? 'ALLOW') as any,
      }),
    ],
    [identityApiRef, mockApis.identity(user)],
  ];
  if (options.signals) {
    apis.push([signalApiRef, options.signals]);
  }
  await renderInTestApp(
    <TestApiProvider apis={apis as any}>{element}</TestApiProvider>,
    {
      mountedRoutes: {
        '/incidents': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  return { api };
}
