import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { incidentsApiRef } from '../../api';
import {
  fill,
  makeEntry,
  mockIncidentsApi,
  responseError,
} from '../../testing/fixtures';
import { TimelineEntryForm } from './TimelineEntryForm';

async function renderForm(canUpdate = true) {
  const api = mockIncidentsApi();
  const onAdded = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[incidentsApiRef, api]]}>
      <TimelineEntryForm
        incidentId="INC-7"
        canUpdate={canUpdate}
        onAdded={onAdded}
      />
    </TestApiProvider>,
  );
  return { api, onAdded };
}

describe('TimelineEntryForm', () => {
  it('posts a status update reporting impact mitigated', async () => {
    const { api, onAdded } = await renderForm();
    const entry = makeEntry({ kind: 'status' });
    api.addTimelineEntry.mockResolvedValue(entry);

    await userEvent.click(screen.getByRole('radio', { name: 'Status update' }));
    await fill(
      userEvent,
      screen.getByLabelText('Add to timeline'),
      'Traffic rerouted to eu-central-1',
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Impact mitigated' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));

    expect(api.addTimelineEntry).toHaveBeenCalledWith('INC-7', {
      kind: 'status',
      body: 'Traffic rerouted to eu-central-1',
      mitigated: true,
    });
    await waitFor(() => expect(onAdded).toHaveBeenCalledWith(entry));
  });

  it('posts evidence with its URL, verifying the fix', async () => {
    const { api } = await renderForm();
    api.addTimelineEntry.mockResolvedValue(makeEntry({ kind: 'evidence' }));

    await userEvent.click(screen.getByRole('radio', { name: 'Evidence' }));
    await fill(
      userEvent,
      screen.getByLabelText('Add to timeline'),
      'Error rate at baseline',
    );
    expect(screen.getByRole('button', { name: 'Add' })).toBeDisabled();
    await fill(
      userEvent,
      screen.getByLabelText('URL'),
      'https://grafana.example.com/d/1',
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Verifies the fix' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));

    expect(api.addTimelineEntry).toHaveBeenCalledWith('INC-7', {
      kind: 'evidence',
      body: 'Error rate at baseline',
      url: 'https://grafana.example.com/d/1',
      verifiesFix: true,
    });
  });

  it('says next to the URL field, in a sentence, what the server refused', async () => {
    const { api, onAdded } = await renderForm();
    api.addTimelineEntry.mockRejectedValue(
      await responseError(
        400,
        'InputError',
        'Invalid request body: url: must be an http(s) URL; url: must be an http(s) URL',
      ),
    );
    await userEvent.click(screen.getByRole('radio', { name: 'Evidence' }));
    await fill(userEvent, screen.getByLabelText('Add to timeline'), 'Logs');
    await fill(userEvent, screen.getByLabelText('URL'), 'ftp://logs');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));

    expect(
      await screen.findByText(
        'Enter a link that starts with http:// or https://, e.g. https://grafana.example.com/d/abc',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('URL')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(screen.queryByText(/Invalid request body/)).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onAdded).not.toHaveBeenCalled();
    // Fixing the field drops the complaint.
    await userEvent.type(screen.getByLabelText('URL'), 'x');
    expect(screen.queryByText(/Enter a link/)).toBeNull();
  });

  it('is read-only without the update permission', async () => {
    await renderForm(false);
    expect(screen.getByLabelText('Add to timeline')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Add' })).toBeDisabled();
  });
});
