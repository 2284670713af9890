import { InsightsResponse } from '@firebreak/plugin-incidents-common';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { incidentsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { mockIncidentsApi } from '../../testing/fixtures';
import { InsightsPage } from './InsightsPage';

/** jsdom lays nothing out: every observed element measures 600 x 220. */
class FixedSizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback(
      [{ target, contentRect: { width: 600, height: 220 } } as any],
      this as unknown as ResizeObserver,
    );
  }
  unobserve() {}
  disconnect() {}
}

const none = { SEV1: 0, SEV2: 0, SEV3: 0, SEV4: 0 };
const insights: InsightsResponse = {
  from: '2026-11-02T00:00:00.000Z',
  to: '2026-11-16T00:00:00.000Z',
  totals: { incidents: 5, mttaMinutes: 12, mttrMinutes: 150 },
  weeks: [
    {
      weekStart: '2026-11-02',
      incidents: 2,
      bySeverity: { ...none, SEV1: 1, SEV3: 1 },
      mttrMinutes: 90,
    },
    {
      weekStart: '2026-11-09',
      incidents: 3,
      bySeverity: { ...none, SEV2: 3 },
      mttrMinutes: 180,
    },
  ],
  bySeverity: [],
  byOwner: [{ ownerRef: 'group:default/payments', incidents: 4 }],
  sla: [{ milestone: 'acknowledge', met: 3, measured: 4, ratio: 0.75 }],
  actionItems: {
    total: 4,
    done: 2,
    wontDo: 1,
    open: 1,
    overdue: 1,
    completion: 0.75,
  },
};

describe('InsightsPage', () => {
  const original = window.ResizeObserver;
  beforeAll(() => {
    window.ResizeObserver = FixedSizeObserver as any;
  });
  afterAll(() => {
    window.ResizeObserver = original;
  });

  async function renderPage() {
    const api = mockIncidentsApi();
    api.getInsights.mockResolvedValue(insights);
    api.getInsightsIncidents.mockResolvedValue({
      items: [
        {
          id: 'a',
          ref: 'INC-7',
          title: 'Checkout errors',
          severity: 'SEV1',
          phase: 'closed',
          declaredAt: '2026-11-03T10:00:00.000Z',
        },
      ],
    });
    await renderInTestApp(
      <TestApiProvider apis={[[incidentsApiRef, api]]}>
        <InsightsPage />
      </TestApiProvider>,
      { mountedRoutes: { '/incidents': rootRouteRef } },
    );
    await screen.findByText('MTTA (to acknowledge)');
    return api;
  }

  /** The bar segments (SVG paths) recharts drew in the chart named `label`. */
  const segments = (label: string) =>
    screen
      .getByRole('figure', { name: label })
      .querySelectorAll('.recharts-bar-rectangle path');

  it('draws the figures and the weekly charts', async () => {
    await renderPage();
    expect(screen.getByText('12m')).toBeInTheDocument();
    expect(screen.getByText('2.5h')).toBeInTheDocument();
    // SEV1 + SEV3 in the first week, SEV2 in the second: three segments.
    expect(segments('Incidents per week, by severity')).toHaveLength(3);
    expect(segments('MTTR per week')).toHaveLength(2);
    expect(segments('Incidents by owning team')).toHaveLength(1);
  });

  it("drills into a week's severity, a week's MTTR, and a team", async () => {
    const api = await renderPage();
    const [sev1] = segments('Incidents per week, by severity');
    fireEvent.click(sev1);
    await waitFor(() =>
      expect(api.getInsightsIncidents).toHaveBeenLastCalledWith({
        from: '2026-11-02T00:00:00.000Z',
        to: '2026-11-09T00:00:00.000Z',
        severity: ['SEV1'],
      }),
    );
    expect(
      await screen.findByText('SEV1 incidents of the week of 2026-11-02'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Checkout errors')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'INC-7' })).toBeInTheDocument();

    fireEvent.click(segments('MTTR per week')[1]);
    await waitFor(() =>
      expect(api.getInsightsIncidents).toHaveBeenLastCalledWith({
        from: '2026-11-09T00:00:00.000Z',
        to: '2026-11-16T00:00:00.000Z',
      }),
    );
    expect(
      await screen.findByText('Incidents of the week of 2026-11-09'),
    ).toBeInTheDocument();

    fireEvent.click(segments('Incidents by owning team')[0]);
    await waitFor(() =>
      expect(api.getInsightsIncidents).toHaveBeenLastCalledWith(
        expect.objectContaining({ ownerRef: 'group:default/payments' }),
      ),
    );
    expect(
      await screen.findByText('Incidents of payments and its sub-teams'),
    ).toBeInTheDocument();
  });
});
