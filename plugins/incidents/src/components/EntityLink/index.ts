export { EntityLink } from './EntityLink';
