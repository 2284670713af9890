import { Header, Page } from '@backstage/core-components';
import { parseIncidentRef } from '@firebreak/plugin-incidents-common';
import { Route, Routes, useParams } from 'react-router-dom';
import { IncidentPage } from '../IncidentPage';
import { IncidentsListPage } from '../IncidentsListPage';
import { MyPagesPage } from '../MyPages';
import { NotFound } from '../NotFound';
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

/** Only `INC-<n>` names an incident; any other single segment is not found. */
function IncidentOrNotFound() {
  const { id = '' } = useParams();
  return parseIncidentRef(id) === undefined ? <NotFound /> : <IncidentPage />;
}

/** The sections of the incidents page; add a section above the `/:id` catch. */
const SECTIONS = [
  { path: '/', element: <IncidentsListPage /> },
  { path: '/my-pages', element: <MyPagesPage /> },
  { path: '/alerts/unrouted', element: <UnroutedAlertsPage /> },
];

function IncidentsRoutes() {
  return (
    <Routes>
      {SECTIONS.map(section => (
        <Route key={section.path} {...section} />
      ))}
      <Route path="/:id" element={<IncidentOrNotFound />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

/**
 * The incidents page: the list at its root, one incident at `/INC-<n>`, the signed-in user's
 * pages at `/my-pages`, the unrouted-alerts inbox at `/alerts/unrouted`; anything else is not found.
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
