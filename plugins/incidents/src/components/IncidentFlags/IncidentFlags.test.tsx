import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeIncident,
  mockIncidentsApi,
  responseError,
} from '../../testing/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { IncidentFlags } from './IncidentFlags';

describe('IncidentFlags', () => {
  it('raises the cost impact flag with the incident version', async () => {
    const api = mockIncidentsApi();
    const incident = makeIncident({
      number: 42,
      version: 4,
      costImpact: false,
    });
    const updated = { ...incident, costImpact: true, version: 5 };
    api.updateIncident.mockResolvedValue(updated);
    const onUpdated = jest.fn();
    await renderWithApis(
      <IncidentFlags
        incident={incident}
        canUpdate
        onUpdated={onUpdated}
        onStale={jest.fn()}
      />,
      { api },
    );

    const cost = screen.getByRole('checkbox', { name: 'Cost impact' });
    expect(cost).not.toBeChecked();
    expect(cost).toHaveAccessibleDescription(
      'Raise it to bring in the FinOps specialist.',
    );
    expect(
      screen.getByRole('checkbox', { name: 'Data exposure' }),
    ).toHaveAccessibleDescription('Raise it to bring in the privacy officer.');
    await userEvent.click(cost);
    expect(api.updateIncident).toHaveBeenCalledWith('INC-42', {
      version: 4,
      costImpact: true,
    });
    await waitFor(() => expect(onUpdated).toHaveBeenCalledWith(updated));
  });

  it('reloads on a version conflict', async () => {
    const api = mockIncidentsApi();
    api.updateIncident.mockRejectedValue(
      await responseError(409, 'ConflictError', 'changed'),
    );
    const onStale = jest.fn();
    await renderWithApis(
      <IncidentFlags
        incident={makeIncident({ number: 42, dataExposure: true })}
        canUpdate
        onUpdated={jest.fn()}
        onStale={onStale}
      />,
      { api },
    );
    const exposure = screen.getByRole('checkbox', { name: 'Data exposure' });
    expect(exposure).toBeChecked();
    await userEvent.click(exposure);
    expect(api.updateIncident).toHaveBeenCalledWith('INC-42', {
      version: 1,
      dataExposure: false,
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The incident changed meanwhile; reloaded. Try again.',
    );
    expect(onStale).toHaveBeenCalled();
  });

  it('is read-only without incident.update', async () => {
    await renderWithApis(
      <IncidentFlags
        incident={makeIncident()}
        canUpdate={false}
        onUpdated={jest.fn()}
        onStale={jest.fn()}
      />,
    );
    expect(
      screen.getByRole('checkbox', { name: 'Cost impact' }),
    ).toBeDisabled();
  });
});
