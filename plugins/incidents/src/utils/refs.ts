// How refs read and compare: one definition for both sides of the API.
export {
  owningGroups,
  refKey,
  sameRef,
  shortRef,
} from '@firebreak/plugin-incidents-common';
