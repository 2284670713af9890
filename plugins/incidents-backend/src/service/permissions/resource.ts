import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { INCIDENT_RESOURCE_TYPE } from '@firebreak/plugin-incidents-common';
import {
  IncidentAccessFilter,
  IncidentAccessResource,
} from '../../domain/visibility';

/**
 * The `incident` permission resource of the incidents plugin: rules apply to an
 * {@link IncidentAccessResource} and translate into {@link IncidentAccessFilter}s (SQL).
 * @public
 */
export const incidentPermissionResourceRef = createPermissionResourceRef<
  IncidentAccessResource,
  IncidentAccessFilter
>().with({ pluginId: 'incidents', resourceType: INCIDENT_RESOURCE_TYPE });
