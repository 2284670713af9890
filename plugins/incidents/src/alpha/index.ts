/**
 * Firebreak incidents for the new frontend system. The default export is the plugin;
 * apps with `app.packages: all` discover it automatically.
 *
 * @packageDocumentation
 */
import { incidentsPlugin } from './plugin';

export { incidentsApi } from './apis';
export { incidentsPage } from './pages';
export { entityIncidentsContent } from './entityContents';
export { entityOpenIncidentsCard, entityOnCallCard } from './entityCards';
export {
  postmortemsPage,
  insightsPage,
  entityPostmortemsCard,
  entityActionItemsCard,
  entityTeamIncidentsCard,
  entityTeamIncidentsContent,
} from './postmortems';
export { incidentsSearchResultListItem } from './search';

/** @alpha */
export default incidentsPlugin;
