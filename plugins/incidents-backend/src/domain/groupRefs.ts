import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * A group ref as written in config (`payments`, `group:payments`, `group:default/payments`)
 * in its full form, or an error that names the config key and shows an example.
 */
export function readGroupRef(
  value: string,
  key: string,
  example = 'group:default/payments',
): string {
  try {
    const ref = parseEntityRef(value.trim(), {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (ref.kind.toLocaleLowerCase('en-US') === 'group') {
      return stringifyEntityRef(ref);
    }
  } catch {
    // reported below
  }
  throw new Error(
    `Invalid config at '${key}': expected a group entity ref such as '${example}', got '${value}'`,
  );
}
