/**
 * How a time reads in text the backend writes (timeline entries, notifications): to the
 * minute, in UTC, never a raw ISO string. The portal shows times in the reader's zone.
 */
export function formatTime(iso: string | Date): string {
  const at = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(at.getTime())) {
    return String(iso);
  }
  const text = at.toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}
