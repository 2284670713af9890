export { TimelineEntryForm } from './TimelineEntryForm';
export type { TimelineEntryFormProps } from './TimelineEntryForm';
