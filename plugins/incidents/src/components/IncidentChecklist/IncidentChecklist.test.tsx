import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeChecklistItem,
  makeIncident,
  makeRoleSlots,
  mockIncidentsApi,
  responseError,
} from '../../testing/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { Phase } from '@firebreak/plugin-incidents-common';
import { useState } from 'react';
import { IncidentChecklist } from './IncidentChecklist';

const incident = makeIncident({ number: 42, phase: 'triage' });

function setup() {
  const api = mockIncidentsApi();
  api.getChecklist.mockResolvedValue({
    incidentId: incident.id,
    items: [
      makeChecklistItem({ version: 2 }),
      makeChecklistItem({
        id: 'contain-impact',
        title: 'Contain: feature flags, rollback or traffic reroute',
        responsible: 'developer-enablement-lead',
        done: true,
        doneBy: 'user:default/alice',
        doneAt: new Date(Date.now() - 60_000 * 3).toISOString(),
        assigneeRef: 'user:default/alice',
        version: 3,
      }),
      makeChecklistItem({
        id: 'validate-in-staging',
        phase: 'resolution-validation',
        title: 'Validate the remediation in staging',
        responsible: 'qa-strategist',
      }),
    ],
  });
  return api;
}

describe('IncidentChecklist', () => {
  it('groups the items by phase, the current phase open, with who has them', async () => {
    const api = setup();
    await renderWithApis(<IncidentChecklist incident={incident} canUpdate />, {
      api,
    });

    const triage = await screen.findByTestId('checklist-triage-containment');
    expect(triage).toHaveTextContent('Phase 1 – Triage & Containment');
    expect(triage).toHaveTextContent('Current phase');
    expect(triage).toHaveTextContent('1 of 2 done');
    expect(
      within(triage).getByRole('checkbox', {
        name: 'Investigate logs and metrics',
      }),
    ).not.toBeChecked();
    expect(
      within(triage).getByRole('checkbox', {
        name: 'Contain: feature flags, rollback or traffic reroute',
      }),
    ).toBeChecked();
    expect(triage).toHaveTextContent(
      'Developer enablement lead · assigned to alice · done by alice 3m ago',
    );
    expect(
      screen.getByRole('button', { name: /Phase 2 – Resolution & Validation/ }),
    ).toHaveAttribute('aria-expanded', 'false');
  });

  it('checks an item with its version', async () => {
    const api = setup();
    api.updateChecklistItem.mockResolvedValue(
      makeChecklistItem({ done: true, version: 3 }),
    );
    const onChanged = jest.fn();
    await renderWithApis(
      <IncidentChecklist incident={incident} canUpdate onChanged={onChanged} />,
      { api },
    );

    await userEvent.click(
      await screen.findByRole('checkbox', {
        name: 'Investigate logs and metrics',
      }),
    );
    expect(api.updateChecklistItem).toHaveBeenCalledWith(
      'INC-42',
      'investigate-logs-metrics',
      { done: true, version: 2 },
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.getChecklist).toHaveBeenCalledTimes(2);
  });

  it('assigns an item to the holder of its role', async () => {
    const api = setup();
    api.getRoles.mockResolvedValue({
      incidentId: incident.id,
      roles: makeRoleSlots({
        'observability-incident-lead': 'user:default/carol',
      }),
    });
    api.updateChecklistItem.mockResolvedValue(makeChecklistItem());
    await renderWithApis(<IncidentChecklist incident={incident} canUpdate />, {
      api,
    });

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Assign: Investigate logs and metrics',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Assign checklist item',
    });
    await waitFor(() => expect(api.getRoles).toHaveBeenCalled());
    await userEvent.click(within(dialog).getByLabelText('Person'));
    const option = await screen.findByRole('option', {
      name: /user:default\/carol/,
    });
    expect(option).toHaveTextContent(
      'Suggested: holds the observability incident lead role',
    );
    expect(
      screen.getByRole('option', { name: /user:default\/guest/ }),
    ).toHaveTextContent('Suggested: you');
    await userEvent.click(option);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Assign' }),
    );

    expect(api.updateChecklistItem).toHaveBeenCalledWith(
      'INC-42',
      'investigate-logs-metrics',
      { assigneeRef: 'user:default/carol', version: 2 },
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('reports a conflict and reloads', async () => {
    const api = setup();
    api.updateChecklistItem.mockRejectedValue(
      await responseError(409, 'ConflictError', 'stale'),
    );
    await renderWithApis(<IncidentChecklist incident={incident} canUpdate />, {
      api,
    });
    await userEvent.click(
      await screen.findByRole('checkbox', {
        name: 'Investigate logs and metrics',
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Someone changed this item meanwhile; reloaded. Try again.',
    );
    await waitFor(() => expect(api.getChecklist).toHaveBeenCalledTimes(2));
  });

  it('disables the items without incident.update', async () => {
    const api = setup();
    await renderWithApis(
      <IncidentChecklist incident={incident} canUpdate={false} />,
      { api },
    );
    expect(
      await screen.findByRole('checkbox', {
        name: 'Investigate logs and metrics',
      }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', {
        name: 'Assign: Investigate logs and metrics',
      }),
    ).toBeDisabled();
  });

  it('shows a tick at once and rolls it back when the server refuses', async () => {
    const api = setup();
    let answer: (ok: boolean) => void = () => {};
    api.updateChecklistItem.mockImplementation(
      () =>
        new Promise((resolve, reject) => {
          answer = ok =>
            ok
              ? resolve(makeChecklistItem({ done: true, version: 3 }))
              : reject(new Error('The database is unavailable'));
        }),
    );
    await renderWithApis(<IncidentChecklist incident={incident} canUpdate />, {
      api,
    });
    const box = await screen.findByRole('checkbox', {
      name: 'Investigate logs and metrics',
    });
    await userEvent.click(box);
    // Checked before the server answered.
    expect(box).toBeChecked();
    answer(false);
    expect(
      await screen.findByText('The database is unavailable'),
    ).toBeInTheDocument();
    expect(box).not.toBeChecked();
  });

  it('keeps its sections controlled: a phase change opens the new phase without a warning', async () => {
    const api = setup();
    const errors = jest.spyOn(console, 'error');
    function PhaseChange() {
      const [phase, setPhase] = useState<Phase>('triage');
      return (
        <>
          <button onClick={() => setPhase('resolution')}>next phase</button>
          <IncidentChecklist incident={{ ...incident, phase }} canUpdate />
        </>
      );
    }
    await renderWithApis(<PhaseChange />, { api });
    const triage = await screen.findByTestId('checklist-triage-containment');
    const resolution = screen.getByTestId('checklist-resolution-validation');
    const expanded = (section: HTMLElement) =>
      within(section).getAllByRole('button')[0].getAttribute('aria-expanded');
    expect(expanded(triage)).toBe('true');
    expect(expanded(resolution)).toBe('false');

    await userEvent.click(screen.getByRole('button', { name: 'next phase' }));
    await waitFor(() => expect(expanded(resolution)).toBe('true'));
    expect(expanded(triage)).toBe('false');
    expect(
      errors.mock.calls.filter(call =>
        String(call[0]).includes('uncontrolled Accordion'),
      ),
    ).toEqual([]);
    errors.mockRestore();
  });
});
