export { RestrictedField, RESTRICTED_AUDIENCE } from './RestrictedField';
