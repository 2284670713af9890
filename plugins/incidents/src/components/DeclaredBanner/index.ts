export { DeclaredBanner } from './DeclaredBanner';
