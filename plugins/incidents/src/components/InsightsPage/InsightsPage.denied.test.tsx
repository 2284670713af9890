import { ResponseError } from '@backstage/errors';
import { screen } from '@testing-library/react';
import { renderWithApis } from '../../__testUtils__/render';
import { mockIncidentsApi } from '../../testing/fixtures';
import { InsightsPage } from './InsightsPage';

jest.setTimeout(30_000);

describe('InsightsPage', () => {
  it('says who may see the insights when the policy refuses them', async () => {
    const api = mockIncidentsApi();
    api.getInsights.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message:
                "Not allowed: permission 'incident.insights.read' was denied",
            },
            response: { statusCode: 403 },
          }),
          {
            status: 403,
            statusText: 'Forbidden',
            headers: { 'Content-Type': 'application/json' },
          },
        ) as any,
      ),
    );
    await renderWithApis(<InsightsPage />, { api });
    expect(
      await screen.findByText(
        'You need incident.insights.read to see the insights: by default, leadership and the responder groups have it.',
      ),
    ).toBeInTheDocument();
  });
});
