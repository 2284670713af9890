import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FormDialog, FormDialogProps } from './FormDialog';

async function renderDialog(props: Partial<FormDialogProps> = {}) {
  const onSubmit = jest.fn((e: { preventDefault(): void }) =>
    e.preventDefault(),
  );
  const onClose = jest.fn();
  await renderInTestApp(
    <FormDialog
      open
      titleId="test-dialog-title"
      title="Do the thing"
      maxWidth="sm"
      submitLabel="Go"
      submitting={false}
      onSubmit={onSubmit}
      onClose={onClose}
      {...props}
    >
      <input aria-label="Field" />
    </FormDialog>,
  );
  return {
    onSubmit,
    onClose,
    dialog: screen.getByRole('dialog', { name: 'Do the thing' }),
  };
}

describe('FormDialog', () => {
  it('is named by its title and submits its form', async () => {
    const { dialog, onSubmit, onClose } = await renderDialog();
    expect(
      within(dialog).getByRole('textbox', { name: 'Field' }),
    ).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Go' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('shows the error and disables its buttons while submitting', async () => {
    const { dialog } = await renderDialog({
      error: 'The server said no',
      submitting: true,
    });
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'The server said no',
    );
    expect(within(dialog).getByRole('button', { name: 'Go' })).toBeDisabled();
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toBeDisabled();
    expect(within(dialog).getByRole('progressbar')).toBeInTheDocument();
  });

  it('keeps the submit button disabled when asked to', async () => {
    const { dialog } = await renderDialog({ submitDisabled: true });
    expect(within(dialog).getByRole('button', { name: 'Go' })).toBeDisabled();
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toBeEnabled();
  });
});
