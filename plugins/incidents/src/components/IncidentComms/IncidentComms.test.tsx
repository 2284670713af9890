import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { IncidentComms } from './IncidentComms';
import { renderWithApis } from '../../__testUtils__/render';
import { makeIncident, mockIncidentsApi } from '../../testing/fixtures';

describe('IncidentComms', () => {
  const incident = makeIncident({ severity: 'SEV1' });

  it('lists the duties, shows the update-due banner and posts an update', async () => {
    const api = mockIncidentsApi();
    const past = new Date(Date.now() - 5 * 60_000).toISOString();
    api.getComms.mockResolvedValue({
      duties: [
        {
          id: 'status-page',
          title: 'Public status page update',
          audience: 'status-page',
          optional: false,
          severity: 'SEV1',
          dueAt: past,
        },
        {
          id: 'executive-notification',
          title: 'Immediate executive notification',
          audience: 'executive',
          optional: false,
          severity: 'SEV1',
          dueAt: past,
          doneAt: past,
          doneBy: 'user:default/ic',
        },
      ],
      updates: [],
      nextUpdateDueAt: past,
      cadenceMinutes: 30,
    });
    api.postCommsUpdate.mockResolvedValue({
      id: 'u-1',
      incidentId: incident.id,
      audience: 'internal',
      body: 'Rolling back',
      author: 'user:default/ic',
      postedAt: new Date().toISOString(),
    });
    await renderWithApis(<IncidentComms incident={incident} canPublish />, {
      api,
    });

    expect(await screen.findByTestId('update-due')).toHaveTextContent(
      'every 30 minutes',
    );
    expect(screen.getByTestId('duty-status-page')).toHaveTextContent(
      /overdue by 5m/,
    );
    expect(
      within(screen.getByTestId('duty-executive-notification')).getByLabelText(
        'Done',
      ),
    ).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Update'), {
      target: { value: 'Rolling back' },
    });
    fireEvent.click(
      screen.getByRole('button', { name: /post internal update/i }),
    );
    await waitFor(() =>
      expect(api.postCommsUpdate).toHaveBeenCalledWith(incident.ref, {
        audience: 'internal',
        body: 'Rolling back',
      }),
    );
  });

  it('offers no form without permission to publish', async () => {
    const api = mockIncidentsApi();
    await renderWithApis(
      <IncidentComms incident={incident} canPublish={false} />,
      { api },
    );
    const button = await screen.findByRole('button', { name: /post/i });
    expect(button).toBeDisabled();
  });
});
