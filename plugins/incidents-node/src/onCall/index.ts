export type {
  OnCallProvider,
  OnCallRequest,
  OnCallResult,
  OnCallShift,
} from './types';
export {
  incidentsOnCallExtensionPoint,
  type IncidentsOnCallExtensionPoint,
} from './extensionPoint';
export {
  ConfigOnCallProvider,
  type ConfigOnCallScheduleSummary,
} from './config/ConfigOnCallProvider';
