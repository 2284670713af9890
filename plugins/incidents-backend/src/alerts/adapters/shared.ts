import { AlertLink } from '@firebreak/plugin-incidents-common';
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** An RFC 3339 timestamp (any sub-second precision, any offset). */
export const timestamp = z
  .string()
  .max(64)
  .refine(v => !Number.isNaN(Date.parse(v)), 'must be an RFC 3339 timestamp');

/** Go's zero time, which Alertmanager sends as the endsAt of firing alerts. */
const ZERO_TIME_MS = Date.parse('0001-01-01T00:00:00Z');

/** ISO string, or undefined for Go's zero time and anything before 1970. */
export function toIso(value: string | undefined): string | undefined {
  if (!value) {
    return undefined;
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || ms <= ZERO_TIME_MS || ms < 0) {
    return undefined;
  }
  return new Date(ms).toISOString();
}

/** Only http(s) links reach the UI (never `javascript:` and friends). */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) {
    return undefined;
  }
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

export function pushLink(links: AlertLink[], href: unknown, text: string) {
  const url = safeUrl(href);
  if (url && !links.some(l => l.href === url)) {
    links.push({ href: url, text });
  }
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Label set fingerprint for senders that send none: stable over label order. */
export function fingerprintOf(labels: Record<string, string>): string {
  const canonical = Object.keys(labels)
    .sort()
    .map(k => [k, labels[k]]);
  return createHash('sha256')
    .update(JSON.stringify(canonical))
    .digest('hex')
    .slice(0, 16);
}

/** `firebreak` → usable as the name part of an actor ref. */
export function actorName(name: string): string {
  const cleaned = name
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cleaned.slice(0, 63) || 'unnamed';
}

/**
 * The payload without NUL characters in any key or string (PostgreSQL cannot store them):
 * stripped, not refused, so that one odd alert does not fail its sender's whole batch.
 */
export function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? value.split('\u0000').join('') : value;
  }
  if (Array.isArray(value)) {
    return value.map(withoutNul);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        withoutNul(k) as string,
        withoutNul(v),
      ]),
    );
  }
  return value;
}
