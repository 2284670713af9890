// Its own file: usePermission caches decisions per permission and resource ref for the run.
import { ActionItem, Postmortem } from '@firebreak/plugin-incidents-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../../__testUtils__/render';
import { makeIncident, mockIncidentsApi } from '../../testing/fixtures';
import { PostmortemEditor } from './PostmortemEditor';

jest.setTimeout(30_000);

/** An outsider of this one: every permission denied. */
const outside = makeIncident({
  id: '00000000-0000-4000-8000-00000000000a',
  number: 10,
  severity: 'SEV2',
});
/** Leadership's seat on this one: publish allowed, edits denied. */
const signOff = makeIncident({
  id: '00000000-0000-4000-8000-00000000000b',
  number: 11,
  severity: 'SEV2',
});

const decide = (request: {
  permission: { name: string };
  resourceRef?: string;
}) =>
  request.resourceRef === signOff.id &&
  request.permission.name === 'incident.postmortem.publish'
    ? 'ALLOW'
    : 'DENY';

function postmortemOf(incidentId: string): Postmortem {
  return {
    id: `pm-${incidentId}`,
    incidentId,
    incidentRef: 'INC-10',
    incidentTitle: 'Checkout errors',
    severity: 'SEV2',
    restricted: false,
    status: 'in_review',
    sections: {
      summary: 'summary',
      impact: '',
      timeline: '',
      rootCause: 'A bad push',
      wentWell: '',
      wentPoorly: '',
      actionItems: '',
      prevention: '',
      lessons: '',
    },
    facts: {} as Postmortem['facts'],
    required: true,
    overdue: false,
    createdAt: '2026-11-27T10:00:00Z',
    createdBy: 'user:default/a',
    updatedAt: '2026-11-27T10:00:00Z',
    updatedBy: 'user:default/a',
    version: 3,
    sectionVersions: {} as Postmortem['sectionVersions'],
  };
}

const item = (incidentId: string): ActionItem => ({
  id: `item-${incidentId}`,
  incidentId,
  incidentRef: 'INC-10',
  priority: 'P1',
  title: 'Canary config pushes',
  status: 'open',
  overdue: false,
  createdAt: '2026-11-27T10:00:00Z',
  createdBy: 'user:default/a',
  updatedAt: '2026-11-27T10:00:00Z',
  version: 1,
});

async function render(incident: typeof outside) {
  const api = mockIncidentsApi();
  api.getPostmortem.mockResolvedValue(postmortemOf(incident.id));
  api.listActionItems.mockResolvedValue({ items: [item(incident.id)] });
  await renderWithApis(<PostmortemEditor incident={incident} />, {
    api,
    permission: decide,
  });
  return api;
}

/** The tooltip a disabled control shows on hover (its wrapper takes the pointer). */
async function reasonOf(control: HTMLElement) {
  await userEvent.hover(control.parentElement!);
  return (await screen.findByRole('tooltip')).textContent;
}

describe('PostmortemEditor without permissions', () => {
  it('disables every edit on the incident and says which permission is missing', async () => {
    const api = await render(outside);
    const publish = await screen.findByRole('button', { name: 'Publish' });
    await waitFor(() => expect(publish).toBeDisabled());
    expect(
      screen.getByRole('button', { name: 'Back to draft' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Save postmortem' }),
    ).toBeDisabled();
    // Sections are read-only: no editor to open.
    expect(
      screen.queryByRole('button', { name: 'Edit Root Cause Analysis' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Add action item' }),
    ).toBeDisabled();
    const status = within(
      screen.getByTestId(`action-item-item-${outside.id}`),
    ).getByLabelText('Status of Canary config pushes');
    expect(status.closest('.Mui-disabled')).not.toBeNull();

    expect(await reasonOf(publish)).toContain(
      'You need incident.postmortem.publish on this incident',
    );
    await userEvent.unhover(publish.parentElement!);
    expect(
      await reasonOf(screen.getByRole('button', { name: 'Back to draft' })),
    ).toMatch(
      /^You need incident\.postmortem\.update on this incident: by default, only its responders .* and the owners of the services it affects can edit its postmortem\.$/,
    );
    expect(api.setPostmortemStatus).not.toHaveBeenCalled();
  });

  it('lets leadership publish what it may not edit', async () => {
    const api = await render(signOff);
    api.setPostmortemStatus.mockResolvedValue({
      ...postmortemOf(signOff.id),
      status: 'published',
      version: 4,
    });
    const publish = await screen.findByRole('button', { name: 'Publish' });
    await waitFor(() => expect(publish).toBeEnabled());
    expect(
      screen.getByRole('button', { name: 'Back to draft' }),
    ).toBeDisabled();
    await userEvent.click(publish);
    await waitFor(() =>
      expect(api.setPostmortemStatus).toHaveBeenCalledWith(signOff.id, {
        status: 'published',
        version: 3,
      }),
    );
  });
});
