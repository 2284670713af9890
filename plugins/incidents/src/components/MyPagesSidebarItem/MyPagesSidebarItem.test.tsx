import { INCIDENTS_SIGNAL_CHANNEL } from '@firebreak/plugin-incidents-common';
import { act, screen, waitFor } from '@testing-library/react';
import { makePage, mockIncidentsApi } from '../../testing/fixtures';
import { mockSignalApi, renderWithApis } from '../../__testUtils__/render';
import { openPagesLabel } from '../../utils';
import { MyPagesSidebarItem } from './MyPagesSidebarItem';

describe('MyPagesSidebarItem', () => {
  it("links to the user's pages with the number of open ones, live", async () => {
    const api = mockIncidentsApi();
    api.listPages
      .mockResolvedValueOnce({ items: [makePage(), makePage()] })
      .mockResolvedValue({ items: [makePage()] });
    const signals = mockSignalApi();
    await renderWithApis(<MyPagesSidebarItem />, { api, signals });

    const link = await screen.findByRole('link', { name: /My pages/ });
    expect(link).toHaveAttribute('href', '/incidents/my-pages');
    await waitFor(() =>
      expect(screen.getByTestId('my-pages-count')).toHaveTextContent('2'),
    );
    expect(api.listPages).toHaveBeenCalledWith({
      mine: true,
      status: 'open',
      limit: 100,
    });

    // Acknowledged elsewhere: the count follows the live-update signal.
    act(() =>
      signals.publish(INCIDENTS_SIGNAL_CHANNEL, {
        incidentId: 'x',
        incidentRef: 'INC-1',
        version: 2,
        kind: 'acknowledged',
      } as any),
    );
    await waitFor(() =>
      expect(screen.getByTestId('my-pages-count')).toHaveTextContent('1'),
    );
  });

  it('shows no count when nothing waits', async () => {
    const api = mockIncidentsApi();
    await renderWithApis(<MyPagesSidebarItem />, { api });
    const link = await screen.findByRole('link', { name: /My pages/ });
    expect(link).toHaveAttribute('href', '/incidents/my-pages');
    expect(api.listPages).toHaveBeenCalled();
    expect(screen.getByTestId('my-pages-count')).not.toHaveTextContent(/\d/);
  });

  it('caps the count at 99+', () => {
    expect(openPagesLabel(3)).toBe('3');
    expect(openPagesLabel(100)).toBe('99+');
  });
});
