import { Header, Page } from '@backstage/core-components';
import { Route, Routes } from 'react-router-dom';
import { IncidentPage } from '../IncidentPage';
import { IncidentsListPage } from '../IncidentsListPage';
import { UnroutedAlertsPage } from '../UnroutedAlertsPage';

/** Props of {@link IncidentsPage}. @public */
export interface IncidentsPageProps {
  /**
   * `legacy` wraps the page in Backstage's Page and Header; `none` renders content only,
   * for the new frontend system, where the app's page layout draws the header.
   */
  headerVariant?: 'legacy' | 'none';
  /** The page title (default "Incidents"). */
  title?: string;
  /** The page subtitle. */
  subtitle?: string;
}

function IncidentsRoutes() {
  return (
    <Routes>
      <Route path="/" element={<IncidentsListPage />} />
      <Route path="/alerts/unrouted" element={<UnroutedAlertsPage />} />
      <Route path="/:id" element={<IncidentPage />} />
    </Routes>
  );
}

/**
 * The incidents page: the list at its root, one incident at `/:id`, the unrouted-alerts
 * inbox at `/alerts/unrouted`.
 *
 * @public
 */
export function IncidentsPage(props: IncidentsPageProps) {
  const {
    headerVariant = 'legacy',
    title = 'Incidents',
    subtitle = 'Incident response across the catalog',
  } = props;
  if (headerVariant === 'none') {
    return <IncidentsRoutes />;
  }
  return (
    <Page themeId="tool">
      <Header title={title} subtitle={subtitle} />
      <IncidentsRoutes />
    </Page>
  );
}
