const ENTITY_REF = /^(?:([^:/\s]+):)?(?:([^:/\s]+)\/)?([^:/\s]+)$/;

/**
 * Completes a shorthand entity ref (`alice`, `default/alice`, `user:alice`) to its full form
 * (`user:default/alice`), keeping the case of namespace and name as written.
 *
 * @returns undefined when `value` is not an entity ref of `kind`.
 */
export function completeEntityRef(
  value: string,
  kind: 'user' | 'group',
): string | undefined {
  const match = ENTITY_REF.exec(value.trim());
  if (!match) {
    return undefined;
  }
  const [, refKind, namespace, name] = match;
  if (refKind !== undefined && refKind.toLocaleLowerCase('en-US') !== kind) {
    return undefined;
  }
  return `${kind}:${namespace ?? 'default'}/${name}`;
}

/** Entity refs compare case-insensitively in Backstage. */
export function entityRefKey(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}
