export { AlertsList, AlertStatusChip } from './AlertsList';
export type { AlertsListProps } from './AlertsList';
