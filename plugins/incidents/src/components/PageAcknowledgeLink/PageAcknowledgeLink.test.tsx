import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { incidentsApiRef } from '../../api';
import { makePage, mockIncidentsApi } from '../../testing/fixtures';
import { PageAcknowledgeLink } from './PageAcknowledgeLink';

function Search() {
  return <span data-testid="search">{useLocation().search}</span>;
}

async function open(path: string, api = mockIncidentsApi()) {
  const onAcknowledged = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[incidentsApiRef, api]]}>
      <PageAcknowledgeLink onAcknowledged={onAcknowledged} />
      <Search />
    </TestApiProvider>,
    { routeEntries: [path] },
  );
  return { api, onAcknowledged };
}

describe('PageAcknowledgeLink', () => {
  it("acknowledges the page of the notification's link once, and drops it from the URL", async () => {
    const api = mockIncidentsApi();
    api.acknowledgePage.mockResolvedValue(
      makePage({ id: 'p-1', status: 'acknowledged' }),
    );
    const { onAcknowledged } = await open(
      '/incidents/INC-7?acknowledgePage=p-1&tab=x',
      api,
    );
    expect(
      await screen.findByText('Page acknowledged: it stops escalating.'),
    ).toBeInTheDocument();
    expect(api.acknowledgePage).toHaveBeenCalledTimes(1);
    expect(api.acknowledgePage).toHaveBeenCalledWith('p-1');
    expect(onAcknowledged).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('search')).toHaveTextContent('?tab=x');
  });

  it('says why when the page cannot be acknowledged', async () => {
    const api = mockIncidentsApi();
    api.acknowledgePage.mockRejectedValue(new Error('Page p-2 not found'));
    const { onAcknowledged } = await open(
      '/incidents/INC-7?acknowledgePage=p-2',
      api,
    );
    expect(
      await screen.findByText(/Could not acknowledge the page: .*not found/),
    ).toBeInTheDocument();
    expect(onAcknowledged).not.toHaveBeenCalled();
  });

  it('does nothing without the parameter', async () => {
    const { api } = await open('/incidents/INC-7');
    await waitFor(() =>
      expect(screen.getByTestId('search')).toBeEmptyDOMElement(),
    );
    expect(api.acknowledgePage).not.toHaveBeenCalled();
  });
});
