export { EntityPicker } from './EntityPicker';
export { usePickerSearch } from './usePickerSearch';
export { PickerInput, searchPickerEntities } from './pickerParts';
export type { EntityPickerProps, EntityPickerSuggestion } from './EntityPicker';
