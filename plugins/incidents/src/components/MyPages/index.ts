export { MyPages } from './MyPages';
export type { MyPagesProps } from './MyPages';
