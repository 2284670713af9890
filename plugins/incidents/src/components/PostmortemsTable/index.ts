export { PostmortemsTable, viaLabel } from './PostmortemsTable';
