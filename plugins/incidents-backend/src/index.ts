/**
 * Firebreak incidents backend plugin: incident store, lifecycle and REST API
 * (`/api/incidents`). Its only export is the plugin; backend modules extend it through
 * `@firebreak/plugin-incidents-node`.
 *
 * @packageDocumentation
 */
export { incidentsPlugin as default } from './plugin';
