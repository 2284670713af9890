export { SeverityGuide } from './SeverityGuide';
export type { SeverityGuideProps } from './SeverityGuide';
