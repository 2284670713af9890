import {
  DEFAULT_SEVERITY_LEVELS,
  SEVERITIES,
} from '@firebreak/plugin-incidents-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeIncident,
  fill,
  mockIncidentsApi,
  responseError,
} from '../../testing/fixtures';
import { renderDialog } from '../../__testUtils__/renderDeclareDialog';

describe('DeclareIncidentDialog', () => {
  it('is prefilled with the current entity and guides severity from the policy', async () => {
    const api = mockIncidentsApi();
    api.getPolicy.mockResolvedValue({
      severities: SEVERITIES.map(s =>
        s === 'SEV3'
          ? {
              ...DEFAULT_SEVERITY_LEVELS.SEV3,
              definition: 'Minor issue (as configured by this org)',
            }
          : DEFAULT_SEVERITY_LEVELS[s],
      ),
    });
    const { dialog } = await renderDialog(api);

    const picker = within(dialog).getByLabelText('Affected entities');
    expect(picker).toBeInTheDocument();
    const chips = within(dialog).getAllByTestId('affected-entity-chip');
    expect(chips.map(c => c.textContent)).toEqual([
      'component:default/checkout',
    ]);

    expect(
      within(dialog).getByRole('radiogroup', { name: 'Severity' }),
    ).toBeInTheDocument();
    for (const severity of SEVERITIES) {
      expect(
        within(dialog).getByRole('radio', { name: new RegExp(`^${severity}`) }),
      ).toBeInTheDocument();
    }
    expect(
      within(dialog).getByText(
        'Complete service outage, customer data at risk, major revenue impact, security breach',
      ),
    ).toBeInTheDocument();
    expect(
      await within(dialog).findByText(
        'Minor issue (as configured by this org)',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getAllByText('15 minutes').length).toBeGreaterThan(0);
    expect(
      within(dialog).getByText(
        'Immediate executive notification, Public status page update, Customer emails',
      ),
    ).toBeInTheDocument();
    for (const label of ['Title', 'Summary', 'Customer impact', 'Regions']) {
      expect(within(dialog).getByLabelText(label)).toBeInTheDocument();
    }
  });

  it('submits the filled-in declaration', async () => {
    const api = mockIncidentsApi();
    const incident = makeIncident({ number: 42 });
    api.declareIncident.mockResolvedValue(incident);
    const { dialog, onDeclared } = await renderDialog(api);

    await fill(
      userEvent,
      within(dialog).getByLabelText('Title'),
      'Checkout returns 502',
    );
    await userEvent.click(within(dialog).getByRole('radio', { name: /^SEV2/ }));
    expect(within(dialog).getByRole('radio', { name: /^SEV2/ })).toBeChecked();
    await fill(
      userEvent,
      within(dialog).getByLabelText('Summary'),
      'Gateway errors since 10:02',
    );
    await fill(
      userEvent,
      within(dialog).getByLabelText('Customer impact'),
      'A third of EU checkouts fail',
    );
    await fill(
      userEvent,
      within(dialog).getByLabelText('Regions'),
      'eu-west-1, eu-central-1',
    );

    // Add a second affected entity from the catalog search.
    await userEvent.click(within(dialog).getByLabelText('Affected entities'));
    await userEvent.click(await screen.findByText('Payments API'));

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );

    await waitFor(() => expect(onDeclared).toHaveBeenCalledWith(incident));
    expect(api.declareIncident).toHaveBeenCalledWith({
      title: 'Checkout returns 502',
      summary: 'Gateway errors since 10:02',
      customerImpact: 'A third of EU checkouts fail',
      severity: 'SEV2',
      affectedEntityRefs: [
        'component:default/checkout',
        'component:default/payments-api',
      ],
      regions: ['eu-west-1', 'eu-central-1'],
    });
  }, 60_000);

  it('offers "restricted", saying who will see it, only to those allowed to choose it', async () => {
    const { dialog } = await renderDialog();
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Title')).toBeInTheDocument(),
    );
    expect(
      within(dialog).queryByRole('checkbox', { name: /Restricted/ }),
    ).not.toBeInTheDocument();
  });

  it('requires a title and a severity before calling the backend', async () => {
    const { dialog, api } = await renderDialog();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );
    expect(
      within(dialog).getByText('Give the incident a title'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('Choose a severity')).toBeInTheDocument();
    expect(api.declareIncident).not.toHaveBeenCalled();
  });

  it('shows the server’s 400 message inline and stays open', async () => {
    const api = mockIncidentsApi();
    api.declareIncident.mockRejectedValue(
      await responseError(
        400,
        'InputError',
        'affectedEntityRefs.0: unknown entity component:default/nope',
      ),
    );
    const { dialog, onDeclared } = await renderDialog(api);

    await fill(userEvent, within(dialog).getByLabelText('Title'), 'Broken');
    await userEvent.click(within(dialog).getByRole('radio', { name: /^SEV4/ }));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'affectedEntityRefs.0: unknown entity component:default/nope',
    );
    expect(onDeclared).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('brings the title error into view, drops it once fixed, and counts to 200', async () => {
    const { dialog, api } = await renderDialog();
    const title = within(dialog).getByLabelText('Title');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );
    expect(
      within(dialog).getByText('Give the incident a title'),
    ).toBeInTheDocument();
    expect(title).toHaveFocus();
    expect(title).toHaveAttribute('aria-invalid', 'true');

    await userEvent.type(title, 'Checkout down');
    expect(within(dialog).queryByText('Give the incident a title')).toBeNull();
    expect(title).toHaveAttribute('aria-invalid', 'false');
    expect(within(dialog).getByLabelText('13 of 200 characters')).toBeVisible();

    // Pasted text over 200 characters is kept whole and said to be too long.
    await userEvent.clear(title);
    await userEvent.click(title);
    await userEvent.paste('x'.repeat(250));
    expect(title).toHaveValue('x'.repeat(250));
    expect(
      within(dialog).getByLabelText('250 of 200 characters'),
    ).toBeVisible();
    await userEvent.click(within(dialog).getByRole('radio', { name: /^SEV4/ }));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );
    expect(
      within(dialog).getByText(
        'Shorten the title to 200 characters (it has 250)',
      ),
    ).toBeInTheDocument();
    expect(api.declareIncident).not.toHaveBeenCalled();
  });

  it("puts the server's complaint about an entity next to the field, as a sentence", async () => {
    const api = mockIncidentsApi();
    api.declareIncident.mockRejectedValue(
      await responseError(
        400,
        'InputError',
        'Invalid request body: affectedEntityRefs[0]: entity component:default/gone not found in the catalog',
      ),
    );
    const { dialog } = await renderDialog(api);
    await fill(userEvent, within(dialog).getByLabelText('Title'), 'Broken');
    await userEvent.click(within(dialog).getByRole('radio', { name: /^SEV4/ }));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );

    expect(
      await within(dialog).findByText(
        'component:default/gone is not in the catalog: remove it or choose another entity.',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(within(dialog).queryByText(/Invalid request body/)).toBeNull();
  });
});
