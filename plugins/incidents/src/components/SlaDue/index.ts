export { SlaDue } from './SlaDue';
