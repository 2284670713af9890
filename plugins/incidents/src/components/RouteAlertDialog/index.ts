export { RouteAlertDialog } from './RouteAlertDialog';
export type { RouteAlertDialogProps } from './RouteAlertDialog';
