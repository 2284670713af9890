import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { incidentsApiRef } from '../api';
import { checkoutEntity, mockIncidentsApi } from '../testing/fixtures';
import { DeclareIncidentDialog } from '../components/DeclareIncidentDialog/DeclareIncidentDialog';

/**
 * The dialog in a test app, on checkout. Permission decisions are cached for a test file's
 * run (usePermission), so each file keeps to one answer for `incident.restricted.create`.
 */
const paymentsEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    title: 'Payments API',
  },
  spec: { type: 'service' },
};

export async function renderDialog(
  api = mockIncidentsApi(),
  permissionApi = mockApis.permission({
    authorize: request =>
      request.permission.name === 'incident.restricted.create'
        ? ('DENY' as any)
        : ('ALLOW' as any),
  }),
) {
  const onDeclared = jest.fn();
  const onClose = jest.fn();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [incidentsApiRef, api],
        [permissionApiRef, permissionApi],
        [
          catalogApiRef,
          catalogApiMock.mock({
            queryEntities: jest.fn().mockResolvedValue({
              items: [checkoutEntity, paymentsEntity],
              totalItems: 2,
              pageInfo: {},
            }),
          }),
        ],
      ]}
    >
      <DeclareIncidentDialog
        open
        onClose={onClose}
        onDeclared={onDeclared}
        initialEntityRefs={['component:default/checkout']}
      />
    </TestApiProvider>,
  );
  return {
    api,
    onDeclared,
    onClose,
    dialog: await screen.findByRole('dialog'),
  };
}
