export { AffectedEntitiesPicker, toEntityRef } from './AffectedEntitiesPicker';
export type { AffectedEntitiesPickerProps } from './AffectedEntitiesPicker';
