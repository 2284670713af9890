export { PageOwnersButton } from './PageOwnersButton';
export type { PageOwnersButtonProps } from './PageOwnersButton';
