export { UserPicker } from './UserPicker';
export type { UserPickerProps } from './UserPicker';
