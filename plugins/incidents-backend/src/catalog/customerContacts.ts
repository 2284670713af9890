import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * The customer contacts (from `incidents.communication.customers`) of an incident's
 * entities and of the systems they are part of, once each.
 */
export async function customerEmailsFor(options: {
  entityRefs: string[];
  contacts: Map<string, string[]>;
  catalog: CatalogService;
  auth: AuthService;
}): Promise<string[]> {
  const { entityRefs, contacts } = options;
  if (contacts.size === 0 || entityRefs.length === 0) {
    return [];
  }
  const refs = new Set(entityRefs.map(r => r.toLocaleLowerCase('en-US')));
  const { items } = await options.catalog.getEntitiesByRefs(
    { entityRefs, fields: ['kind', 'metadata.namespace', 'spec.system'] },
    { credentials: await options.auth.getOwnServiceCredentials() },
  );
  for (const entity of items) {
    const system = entity?.spec?.system;
    if (typeof system === 'string' && system) {
      const ref = system.includes(':')
        ? system
        : `system:${entity?.metadata.namespace ?? 'default'}/${system}`;
      refs.add(ref.toLocaleLowerCase('en-US'));
    }
  }
  const emails = new Set<string>();
  for (const ref of refs) {
    for (const email of contacts.get(ref) ?? []) emails.add(email);
  }
  return [...emails].sort();
}
