const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Compact duration: `45s`, `12m`, `3h 5m`, `2d 4h`. Sign is ignored. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) {
    return `${Math.floor(abs / 1000)}s`;
  }
  if (abs < HOUR) {
    return `${Math.floor(abs / MINUTE)}m`;
  }
  if (abs < DAY) {
    const hours = Math.floor(abs / HOUR);
    const minutes = Math.floor((abs % HOUR) / MINUTE);
    return minutes ? `${hours}h ${minutes}m` : `${hours}h`;
  }
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  return hours ? `${days}d ${hours}h` : `${days}d`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * A policy target in the words of the spec's tables: `15 minutes`, `1 hour`, `24 hours`,
 * `1 week`, `30 days`.
 */
export function formatMinutes(minutes: number): string {
  if (minutes < 1) {
    return plural(Math.round(minutes * 60), 'second');
  }
  const week = 7 * 24 * 60;
  if (minutes >= week && minutes % week === 0) {
    return plural(minutes / week, 'week');
  }
  if (minutes > 48 * 60 && minutes % (24 * 60) === 0) {
    return plural(minutes / (24 * 60), 'day');
  }
  if (minutes >= 60 && minutes % 60 === 0) {
    return plural(minutes / 60, 'hour');
  }
  return plural(minutes, 'minute');
}

/** `12m ago`, or `just now` under a minute. */
export function formatAgo(iso: string, now: number): string {
  const elapsed = now - Date.parse(iso);
  if (elapsed < MINUTE) {
    return 'just now';
  }
  return `${formatDuration(elapsed)} ago`;
}

/** Absolute local date and time, for tooltips and `<time>` titles. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return date.toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** `in 3d 4h` for a future time, `12m ago` for a past one. */
export function formatRelative(iso: string, now: number): string {
  const delta = Date.parse(iso) - now;
  if (Math.abs(delta) < MINUTE) {
    return 'now';
  }
  return delta > 0
    ? `in ${formatDuration(delta)}`
    : `${formatDuration(delta)} ago`;
}

const ISO_TIMESTAMP =
  /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})\b/g;

/**
 * Text from the server with any ISO timestamp in it written as local date and time, so that
 * older timeline entries read "acknowledge by 1 Dec 2026, 07:50" too.
 */
export function withLocalTimestamps(text: string): string {
  return text.replace(ISO_TIMESTAMP, iso => formatTimestamp(iso));
}
