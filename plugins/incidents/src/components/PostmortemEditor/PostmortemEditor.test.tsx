import { ResponseError } from '@backstage/errors';
import { Postmortem } from '@firebreak/plugin-incidents-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../../__testUtils__/render';
import { fill, makeIncident, mockIncidentsApi } from '../../testing/fixtures';
import { PostmortemEditor } from './PostmortemEditor';

const incident = makeIncident({ phase: 'communication', severity: 'SEV2' });
const sections = {
  summary: '- **Incident ID:** INC-1',
  impact: '',
  timeline: '',
  rootCause: 'theirs v1',
  wentWell: '',
  wentPoorly: '',
  actionItems: '',
  prevention: '',
  lessons: 'lessons v1',
};
const postmortem = (patch: Partial<Postmortem> = {}): Postmortem => ({
  id: 'pm',
  incidentId: incident.id,
  incidentRef: incident.ref,
  incidentTitle: incident.title,
  severity: 'SEV2',
  restricted: false,
  status: 'draft',
  sections,
  facts: {} as Postmortem['facts'],
  required: true,
  overdue: false,
  createdAt: '2026-11-27T10:00:00Z',
  createdBy: 'user:default/a',
  updatedAt: '2026-11-27T10:00:00Z',
  updatedBy: 'user:default/a',
  version: 1,
  sectionVersions: Object.fromEntries(
    Object.keys(sections).map(k => [k, 1]),
  ) as any,
  ...patch,
});

async function conflict(changedSections: string[]): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'ConflictError', message: 'changed', changedSections },
        response: { statusCode: 409 },
      }),
      {
        status: 409,
        statusText: 'Conflict',
        headers: { 'Content-Type': 'application/json' },
      },
    ) as any,
  );
}

jest.setTimeout(30_000);

describe('PostmortemEditor', () => {
  it('offers to reload after a stale save and keeps the user text', async () => {
    const api = mockIncidentsApi();
    api.getPostmortem.mockResolvedValueOnce(postmortem()).mockResolvedValueOnce(
      postmortem({
        version: 2,
        sections: { ...sections, lessons: 'lessons by someone else' },
      }),
    );
    api.savePostmortem
      .mockRejectedValueOnce(await conflict(['lessons']))
      .mockResolvedValueOnce(
        postmortem({
          version: 3,
          sections: { ...sections, rootCause: 'mine' },
        }),
      );
    await renderWithApis(<PostmortemEditor incident={incident} />, { api });
    const user = userEvent.setup();

    await user.click(
      await screen.findByRole('button', { name: 'Edit Root Cause Analysis' }),
    );
    const field = screen.getByLabelText('4. Root Cause Analysis (markdown)');
    await user.clear(field);
    await fill(user, field, 'mine');
    await user.click(screen.getByRole('button', { name: 'Save postmortem' }));

    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(
      'Changed since you loaded it: 9. Lessons Learned',
    );
    await user.click(
      screen.getByRole('button', { name: 'Reload and keep my text' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(
      await screen.findByText('lessons by someone else'),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('4. Root Cause Analysis (markdown)'),
    ).toHaveValue('mine');

    await user.click(screen.getByRole('button', { name: 'Save postmortem' }));
    await waitFor(() => expect(api.savePostmortem).toHaveBeenCalledTimes(2));
    expect(api.savePostmortem).toHaveBeenLastCalledWith(incident.id, {
      version: 2,
      sections: { rootCause: 'mine' },
    });
  });

  it('leaves every control enabled, with no reason to give, when the policy allows', async () => {
    const api = mockIncidentsApi();
    api.getPostmortem.mockResolvedValue(postmortem({ status: 'in_review' }));
    await renderWithApis(<PostmortemEditor incident={incident} />, { api });
    const publish = await screen.findByRole('button', { name: 'Publish' });
    await waitFor(() => expect(publish).toBeEnabled());
    expect(screen.getByRole('button', { name: 'Back to draft' })).toBeEnabled();
    expect(
      screen.getByRole('button', { name: 'Edit Root Cause Analysis' }),
    ).toBeInTheDocument();
    await userEvent.hover(publish);
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
  });

  it('shows what keeps the incident from closing', async () => {
    const api = mockIncidentsApi();
    api.getPostmortem.mockResolvedValue(postmortem());
    api.getCloseCheck.mockResolvedValue({
      applies: true,
      ready: false,
      blockers: [],
      messages: ["P0 action item 'Fix' has no owner team"],
    });
    await renderWithApis(<PostmortemEditor incident={incident} />, { api });
    expect(
      await screen.findByText("P0 action item 'Fix' has no owner team"),
    ).toBeInTheDocument();
  });
});
