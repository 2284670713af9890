import { Entity } from '@backstage/catalog-model';
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

const person = (name: string, displayName: string, team: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { displayName }, memberOf: [team] },
  relations: [{ type: 'memberOf', targetRef: `group:default/${team}` }],
});

const people = [
  person('alice', 'Alice Okafor', 'platform-reliability'),
  person('bob', 'Bob Lindqvist', 'platform-reliability'),
  person('guest', 'Guest Engineer', 'storefront'),
  person('heidi', 'Heidi Novak', 'payments'),
  person('sam', 'Sam Tanaka', 'qa'),
];

/** Types `text` into the person picker and picks the option named `option`. */
/**
 * Types into the person picker and chooses `option`. The picker searches the catalog as you
 * type, so on a slow machine a late answer can replace the list under the click: choose
 * again until the choice shows in the field.
 */
async function pick(dialog: HTMLElement, text: string, option: RegExp) {
  const input = within(dialog).getByLabelText(/Person/) as HTMLInputElement;
  await userEvent.type(input, text);
  for (let attempt = 0; ; attempt++) {
    await userEvent.click(await screen.findByRole('option', { name: option }));
    try {
      await waitFor(() => expect(input.value).not.toBe(text), {
        timeout: 2000,
      });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await userEvent.click(input);
    }
  }
}

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
    { api, entities: people },
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
    // Suggested people show by name and team, with why they are suggested.
    const sam = await screen.findByRole('option', { name: /Sam Tanaka/ });
    expect(sam).toHaveTextContent(
      'Sam Tanakaqa · suggested: on call for qa, the QA strategist group',
    );
    await userEvent.click(sam);
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
    await pick(dialog, 'ali', /Alice Okafor/);
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
    await pick(dialog, 'bob', /Bob Lindqvist/);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Assign' }),
    );

    expect(
      await within(dialog).findByText('Role changed since version 0'),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.getRoles).toHaveBeenCalledTimes(2));
  });

  it('searches users by what is typed, and never assigns typed text', async () => {
    const api = setup();
    await renderRoles(api);
    await userEvent.click(
      screen.getByRole('button', { name: 'Assign QA strategist' }),
    );
    const dialog = await screen.findByRole('dialog');
    const input = within(dialog).getByLabelText(/Person/);
    await userEvent.type(input, 'guest');
    // The suggestion (sam) does not match "guest", so it is not first any more.
    await waitFor(() =>
      expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
        'Guest Engineerstorefront',
      ]),
    );
    await userEvent.clear(input);
    await userEvent.type(input, 'made-up-person');
    await screen.findByText('No user matches “made-up-person”');
    await userEvent.keyboard('{Enter}');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Assign' }),
    );
    expect(within(dialog).getByText('Choose a person')).toBeInTheDocument();
    expect(api.assignRole).not.toHaveBeenCalled();
  });

  it('says next to the field when the backend does not know the person', async () => {
    const api = setup();
    api.assignRole.mockRejectedValue(
      await responseError(
        400,
        'InputError',
        'Invalid request body: userRef: user:default/heidi is not a user in the catalog',
      ),
    );
    await renderRoles(api);
    await userEvent.click(
      screen.getByRole('button', { name: 'Assign Release manager' }),
    );
    const dialog = await screen.findByRole('dialog');
    await pick(dialog, 'hei', /Heidi Novak/);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Assign' }),
    );
    expect(
      await within(dialog).findByText(
        'This person is not in the catalog: choose someone from the list',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).queryByText(/Invalid request body/)).toBeNull();
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
