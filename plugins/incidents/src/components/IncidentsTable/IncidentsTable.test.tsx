import { renderInTestApp } from '@backstage/test-utils';
import { postmortemsRouteRef } from '../../routes';
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

  it('wraps long titles anywhere and never breaks a header mid-word', async () => {
    const title = 'x'.repeat(300);
    await renderInTestApp(
      <IncidentsTable
        label="Incidents"
        incidents={[makeIncident({ title })]}
      />,
    );
    const cell = screen.getByText(title).closest('td')!;
    expect(getComputedStyle(cell).overflowWrap).toBe('anywhere');
    for (const header of ['Incident', 'Severity', 'Phase', 'Declared']) {
      expect(
        getComputedStyle(screen.getByRole('columnheader', { name: header }))
          .whiteSpace,
      ).toBe('nowrap');
    }
  });

  it("says which dependency an incident comes through on another entity's page", async () => {
    await renderInTestApp(
      <IncidentsTable
        label="Incidents"
        viewedFrom="component:default/checkout"
        incidents={[
          makeIncident({
            ref: 'INC-5',
            entities: [
              {
                entityRef: 'component:default/payments-api',
                relation: 'affected',
              },
              {
                entityRef: 'component:default/checkout',
                relation: 'downstream',
              },
            ],
          }),
          makeIncident({
            ref: 'INC-6',
            entities: [
              { entityRef: 'component:default/checkout', relation: 'affected' },
            ],
          }),
        ]}
      />,
    );
    expect(screen.getByTestId('incident-row-INC-5')).toHaveTextContent(
      'via payments-api (dependency)',
    );
    expect(screen.getByTestId('incident-row-INC-6')).not.toHaveTextContent(
      'dependency',
    );
  });

  it('shows history with the resolved time, the duration and the postmortem', async () => {
    const declaredAt = '2026-11-30T10:00:00.000Z';
    await renderInTestApp(
      <IncidentsTable
        label="History"
        history
        incidents={[
          makeIncident({
            ref: 'INC-3',
            phase: 'closed',
            declaredAt,
            resolvedAt: '2026-11-30T12:05:00.000Z',
            closedAt: '2026-12-01T09:00:00.000Z',
          }),
        ]}
      />,
      { mountedRoutes: { '/postmortems': postmortemsRouteRef } },
    );
    const row = screen.getByTestId('incident-row-INC-3');
    const resolved = within(row).getByText(
      (_t, el) =>
        el?.tagName === 'TIME' &&
        el.getAttribute('dateTime') === '2026-11-30T12:05:00.000Z',
    );
    expect(resolved.textContent).not.toMatch(/T12:05/);
    expect(row).toHaveTextContent('2h 5m');
    expect(
      within(row).getByRole('link', { name: 'Postmortem of INC-3' }),
    ).toHaveAttribute('href', '/postmortems/INC-3');
  });
});
