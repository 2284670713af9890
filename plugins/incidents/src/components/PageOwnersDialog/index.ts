export { PageOwnersDialog } from './PageOwnersDialog';
export type { PageOwnersDialogProps } from './PageOwnersDialog';
