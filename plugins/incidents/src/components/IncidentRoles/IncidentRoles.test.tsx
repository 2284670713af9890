import { ROLE_IDS, ROLES } from '@firebreak/plugin-incidents-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fill,
  makeIncident,
  makeRoleSlots,
  mockIncidentsApi,
  responseError,
} from '../../testing/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { IncidentRoles } from './IncidentRoles';

const incident = makeIncident({ number: 42 });

function setup() {
  const api = mockIncidentsApi();
  api.getRoles.mockResolvedValue({
    incidentId: incident.id,
    roles: makeRoleSlots({ 'incident-commander': 'user:default/guest' }),
  });
  api.getRoleSuggestions.mockResolvedValue({
    items: [
      {
        role: 'qa-strategist',
        userRef: 'user:default/sam',
        groupRef: 'group:default/qa',
        source: 'role-group-on-call',
        reason: 'on call for qa, the QA strategist group',
      },
    ],
  });
  return api;
}

async function renderRoles(
  api: ReturnType<typeof mockIncidentsApi>,
  canUpdate = true,
) {
  const onChanged = jest.fn();
  await renderWithApis(
    <IncidentRoles
      incident={incident}
      canUpdate={canUpdate}
      onChanged={onChanged}
    />,
    { api },
  );
  await screen.findByRole('list', { name: 'Roles' });
  return onChanged;
}

describe('IncidentRoles', () => {
  it("lists the spec's eight roles with holders, suggestions and who joins on a flag", async () => {
    const api = setup();
    await renderRoles(api);

    const items = within(
      screen.getByRole('list', { name: 'Roles' }),
    ).getAllByRole('listitem');
    expect(items.map(i => i.getAttribute('data-testid'))).toEqual(
      ROLE_IDS.map(id => `role-${id}`),
    );
    expect(screen.getByTestId('role-incident-commander')).toHaveTextContent(
      'guest',
    );
    expect(screen.getByTestId('role-qa-strategist')).toHaveTextContent(
      'Unassigned · suggested: sam (on call for qa, the QA strategist group)',
    );
    expect(screen.getByTestId('role-finops-specialist')).toHaveTextContent(
      'Joins when the incident has a cost impact',
    );
    expect(
      screen.getByRole('button', { name: 'Hand off Incident commander' }),
    ).toBeEnabled();
    for (const id of ROLE_IDS.filter(r => r !== 'incident-commander')) {
      expect(
        screen.getByRole('button', { name: `Assign ${ROLES[id].title}` }),
      ).toBeEnabled();
    }
  });

  it('assigns a role to a suggested person, sending the role version', async () => {
    const api = setup();
    api.assignRole.mockResolvedValue({ incidentId: incident.id, roles: [] });
    const onChanged = await renderRoles(api);

    await userEvent.click(
      screen.getByRole('button', { name: 'Assign QA strategist' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Assign QA strategist',
    });
    await userEvent.click(within(dialog).getByLabelText(/Person/));
    await userEvent.click(
      await screen.findByRole('option', { name: /user:default\/sam/ }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Assign' }),
    );

    expect(api.assignRole).toHaveBeenCalledWith('INC-42', {
      role: 'qa-strategist',
      userRef: 'user:default/sam',
      version: 0,
    });
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.getRoles).toHaveBeenCalledTimes(2);
  });

  it('hands a role off only with handoff notes', async () => {
    const api = setup();
    api.handoffRole.mockResolvedValue({ incidentId: incident.id, roles: [] });
    await renderRoles(api);

    await userEvent.click(
      screen.getByRole('button', { name: 'Hand off Incident commander' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Hand off Incident commander',
    });
    await fill(userEvent, within(dialog).getByLabelText(/Person/), 'alice');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Hand off' }),
    );
    expect(
      within(dialog).getByText('Say what the next person needs to know'),
    ).toBeInTheDocument();
    expect(api.handoffRole).not.toHaveBeenCalled();

    await fill(
      userEvent,
      within(dialog).getByLabelText(/Handoff notes/),
      'Rolled back; watching the error rate',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Hand off' }),
    );
    expect(api.handoffRole).toHaveBeenCalledWith(
      'INC-42',
      'incident-commander',
      {
        toUserRef: 'user:default/alice',
        note: 'Rolled back; watching the error rate',
        version: 1,
      },
    );
  });

  it('shows a conflict and reloads the roles', async () => {
    const api = setup();
    api.assignRole.mockRejectedValue(
      await responseError(409, 'ConflictError', 'Role changed since version 0'),
    );
    await renderRoles(api);

    await userEvent.click(
      screen.getByRole('button', { name: 'Assign Release manager' }),
    );
    const dialog = await screen.findByRole('dialog');
    await fill(userEvent, within(dialog).getByLabelText(/Person/), 'bob');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Assign' }),
    );

    expect(
      await within(dialog).findByText('Role changed since version 0'),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.getRoles).toHaveBeenCalledTimes(2));
  });

  it('disables the controls without incident.update', async () => {
    const api = setup();
    await renderRoles(api, false);
    expect(
      screen.getByRole('button', { name: 'Assign QA strategist' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Hand off Incident commander' }),
    ).toBeDisabled();
  });
});
