export { EntityPicker } from './EntityPicker';
export { usePickerSearch } from './usePickerSearch';
export type { EntityPickerProps, EntityPickerSuggestion } from './EntityPicker';
