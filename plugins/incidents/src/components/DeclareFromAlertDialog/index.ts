export { DeclareFromAlertDialog } from './DeclareFromAlertDialog';
export type { DeclareFromAlertDialogProps } from './DeclareFromAlertDialog';
