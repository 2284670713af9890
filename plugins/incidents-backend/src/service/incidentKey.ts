import { NotFoundError } from '@backstage/errors';
import { parseIncidentRef } from '@firebreak/plugin-incidents-common';
import { IncidentKey } from '../database/IncidentsStore';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `:id` path parameter: a uuid or a human reference (`INC-42`, any case). */
export function parseIncidentKey(param: string): IncidentKey {
  if (UUID.test(param)) {
    return { id: param.toLowerCase() };
  }
  const number = parseIncidentRef(param);
  if (number !== undefined) {
    return { number };
  }
  throw new NotFoundError(`Incident ${param} not found`);
}
