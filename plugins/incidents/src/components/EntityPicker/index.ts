export { EntityPicker } from './EntityPicker';
export type { EntityPickerProps, EntityPickerSuggestion } from './EntityPicker';
