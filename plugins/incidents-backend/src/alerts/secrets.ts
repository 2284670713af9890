import { createHash, timingSafeEqual } from 'node:crypto';

/** sha-256 of a secret: comparing digests makes every comparison the same length. */
export function digestSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/**
 * The entry whose secret equals `presented`, compared in constant time: every entry is
 * compared (no early exit), so the time taken says nothing about which one matched or how
 * much of a guess was right.
 */
export function findBySecret<T extends { digest: Buffer }>(
  entries: T[],
  presented: string | undefined,
): T | undefined {
  if (presented === undefined || presented.length === 0) {
    return undefined;
  }
  const digest = digestSecret(presented);
  let found: T | undefined;
  for (const entry of entries) {
    if (timingSafeEqual(entry.digest, digest) && !found) {
      found = entry;
    }
  }
  return found;
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
