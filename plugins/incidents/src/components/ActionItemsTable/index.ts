export { ActionItemsTable } from './ActionItemsTable';
export type { ActionItemsTableProps } from './ActionItemsTable';
