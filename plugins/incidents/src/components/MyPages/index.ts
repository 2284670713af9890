export { MyPages } from './MyPages';
export type { MyPagesProps } from './MyPages';
export { MyPagesPage } from './MyPagesPage';
