import { mockApis } from '@backstage/test-utils';
import { waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fill, makeIncident, mockIncidentsApi } from '../../testing/fixtures';
import { renderDialog } from '../../__testUtils__/renderDeclareDialog';

// A file of its own: here the policy allows `incident.restricted.create` (decisions are
// cached per file; DeclareIncidentDialog.test.tsx denies it).
describe('DeclareIncidentDialog for those allowed to restrict', () => {
  it('declares a restricted incident for those allowed', async () => {
    const api = mockIncidentsApi();
    api.declareIncident.mockResolvedValue(makeIncident({ number: 7 }));
    const { dialog, onDeclared } = await renderDialog(
      api,
      mockApis.permission({ authorize: 'ALLOW' as any }),
    );
    const box = await within(dialog).findByRole('checkbox', {
      name: /Restricted/,
    });
    expect(box).toHaveAccessibleDescription(
      expect.stringContaining('nobody else finds a trace of it'),
    );
    await fill(
      userEvent,
      within(dialog).getByLabelText('Title'),
      'Leaked keys',
    );
    await userEvent.click(within(dialog).getByRole('radio', { name: /^SEV1/ }));
    await userEvent.click(box);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );
    await waitFor(() => expect(onDeclared).toHaveBeenCalled());
    expect(api.declareIncident).toHaveBeenCalledWith(
      expect.objectContaining({ title: 'Leaked keys', restricted: true }),
    );
  }, 40_000);
});
