export { PostmortemView } from './PostmortemView';
