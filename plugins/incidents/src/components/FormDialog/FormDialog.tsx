import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, ReactNode } from 'react';

/** Props of {@link FormDialog}. */
export interface FormDialogProps {
  open: boolean;
  /** The id of the title element; the dialog is labelled by it. */
  titleId: string;
  title: ReactNode;
  maxWidth: 'sm' | 'md';
  /** What the dialog does (usually `DialogContentText`), above the error and the fields. */
  intro?: ReactNode;
  /** The server's answer to the last submit, shown as an alert. */
  error?: string;
  submitLabel: ReactNode;
  submitColor?: 'primary' | 'secondary';
  /** Keeps the submit button disabled (it always is while submitting). */
  submitDisabled?: boolean;
  /** Nothing to submit: no submit button, and Cancel reads "Close". */
  nothingToSubmit?: boolean;
  /** While set, the dialog cannot be closed and every button is disabled. */
  submitting: boolean;
  onSubmit(event: FormEvent): void;
  onClose(): void;
  children: ReactNode;
}

/**
 * A dialog around a form: title, intro, error alert, the fields, and the Cancel and submit
 * buttons (the latter with a progress indicator while submitting).
 */
export function FormDialog(props: FormDialogProps) {
  const {
    open,
    titleId,
    title,
    maxWidth,
    intro,
    error,
    submitLabel,
    submitColor = 'primary',
    submitDisabled,
    nothingToSubmit,
    submitting,
    onSubmit,
    onClose,
    children,
  } = props;
  return (
    <Dialog
      open={open}
      onClose={submitting ? undefined : onClose}
      maxWidth={maxWidth}
      fullWidth
      aria-labelledby={titleId}
    >
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent dividers>
          {intro}
          {error && (
            <Alert severity="error" role="alert" style={{ marginBottom: 8 }}>
              {error}
            </Alert>
          )}
          {children}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={submitting}>
            {nothingToSubmit ? 'Close' : 'Cancel'}
          </Button>
          {!nothingToSubmit && (
            <Button
              type="submit"
              color={submitColor}
              variant="contained"
              disabled={submitting || submitDisabled}
              startIcon={
                submitting ? (
                  <CircularProgress size={16} color="inherit" />
                ) : undefined
              }
            >
              {submitLabel}
            </Button>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
