export { PostmortemEditor, CloseBlockers } from './PostmortemEditor';
export { POSTMORTEM_PHASES } from './phases';
