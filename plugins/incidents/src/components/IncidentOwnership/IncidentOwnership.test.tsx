import { screen, within } from '@testing-library/react';
import { renderWithApis } from '../../__testUtils__/render';
import { IncidentOwnership } from './IncidentOwnership';

describe('IncidentOwnership', () => {
  it('shows the owning teams, the affected entities and the downstream blast radius', async () => {
    await renderWithApis(
      <IncidentOwnership
        entities={[
          {
            entityRef: 'component:default/checkout',
            relation: 'affected',
            ownerRef: 'group:default/storefront',
          },
          { entityRef: 'resource:default/orders-db', relation: 'affected' },
          {
            entityRef: 'component:default/web-shop',
            relation: 'downstream',
            ownerRef: 'group:default/web',
          },
        ]}
      />,
    );

    const affected = screen.getByRole('table', { name: 'Affected entities' });
    const rows = within(affected).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('checkoutstorefront');
    expect(rows[2]).toHaveTextContent('orders-dbNo owner');
    expect(
      within(
        screen.getByRole('table', { name: 'Downstream entities' }),
      ).getAllByRole('row')[1],
    ).toHaveTextContent('web-shopweb');
    expect(screen.getByText('Downstream (1)')).toBeInTheDocument();
    expect(
      screen.getAllByRole('link', { name: 'storefront' })[0],
    ).toHaveAttribute('href', '/catalog/default/group/storefront');
  });

  it('says when nothing depends on the affected entities', async () => {
    await renderWithApis(
      <IncidentOwnership
        entities={[
          { entityRef: 'component:default/checkout', relation: 'affected' },
        ]}
      />,
    );
    expect(
      screen.getByText('No affected entity has an owning group.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Nothing in the catalog depends on the affected entities.',
      ),
    ).toBeInTheDocument();
  });
});
