import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import {
  checkoutEntity,
  makeIncident,
  mockIncidentsApi,
} from '../../testing/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { EntityOpenIncidentsCard } from './EntityOpenIncidentsCard';

describe('EntityOpenIncidentsCard', () => {
  it('says "Declared 14m ago" once, and the phase with the age otherwise', async () => {
    const api = mockIncidentsApi();
    const ago = new Date(Date.now() - 14 * 60_000).toISOString();
    api.listIncidents.mockResolvedValue({
      items: [
        makeIncident({ number: 1, phase: 'declared', declaredAt: ago }),
        makeIncident({ number: 2, phase: 'triage', declaredAt: ago }),
      ],
    });
    await renderWithApis(
      <EntityProvider entity={checkoutEntity}>
        <EntityOpenIncidentsCard />
      </EntityProvider>,
      { api },
    );
    const list = await screen.findByRole('list', { name: 'Open incidents' });
    const [declared, triage] = Array.from(list.querySelectorAll('li'));
    expect(declared).toHaveTextContent('Declared 14m ago');
    expect(declared).not.toHaveTextContent(/Declared · declared/i);
    expect(triage).toHaveTextContent(/· declared 14m ago/);
  });
});
