import { screen } from '@testing-library/react';
import { renderWithApis } from '../../__testUtils__/render';
import { IncidentSearchResultListItem } from './IncidentSearchResultListItem';

const result = (n: number) => ({
  title: `INC-${n}: Checkout latency`,
  text: 'Card payments time out at the gateway.',
  location: `/incidents/INC-${n}`,
  kind: 'incident',
  severity: 'SEV2',
  status: 'Triage & containment',
});

describe('IncidentSearchResultListItem', () => {
  it('links the result and shows its kind, severity and status', async () => {
    await renderWithApis(<IncidentSearchResultListItem result={result(7)} />);
    expect(
      screen.getByRole('link', { name: 'INC-7: Checkout latency' }),
    ).toHaveAttribute('href', '/incidents/INC-7');
    for (const label of ['Incident', 'SEV2', 'Triage & containment']) {
      expect(screen.getByText(label)).toBeInTheDocument();
    }
    expect(
      screen.getByText('Card payments time out at the gateway.'),
    ).toBeInTheDocument();
  });

  it('adds no style sheet per result', async () => {
    await renderWithApis(<IncidentSearchResultListItem result={result(1)} />);
    const afterOne = document.head.querySelectorAll('style').length;
    await renderWithApis(
      <ul>
        {Array.from({ length: 25 }, (_, i) => (
          <IncidentSearchResultListItem key={i} result={result(i + 2)} />
        ))}
      </ul>,
    );
    expect(screen.getAllByRole('link')).toHaveLength(26);
    expect(document.head.querySelectorAll('style').length).toBe(afterOne);
  });
});
