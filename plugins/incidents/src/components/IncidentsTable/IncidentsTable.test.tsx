import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { makeIncident } from '../../testing/fixtures';
import { IncidentsTable } from './IncidentsTable';

describe('IncidentsTable', () => {
  it('marks restricted incidents, and only those', async () => {
    await renderInTestApp(
      <IncidentsTable
        label="Incidents"
        incidents={[
          makeIncident({
            id: 'a',
            ref: 'INC-2',
            number: 2,
            title: 'Data exfiltration',
            restricted: true,
          }),
          makeIncident({ id: 'b', ref: 'INC-1', number: 1, title: 'Slow' }),
        ]}
      />,
    );
    const table = screen.getByRole('table', { name: 'Incidents' });
    expect(
      within(within(table).getByTestId('incident-row-INC-2')).getByText(
        'Restricted',
      ),
    ).toBeInTheDocument();
    expect(
      within(within(table).getByTestId('incident-row-INC-1')).queryByText(
        'Restricted',
      ),
    ).not.toBeInTheDocument();
  });
});
