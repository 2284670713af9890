import { useNow } from '../../hooks';
import { formatAgo, formatRelative, formatTimestamp } from '../../utils';

/**
 * "12m ago" (or "in 2d 4h" for a future time), kept live, with the absolute time as tooltip
 * and machine-readable value.
 */
export function RelativeTime(props: { value: string; prefix?: string }) {
  const now = useNow();
  const future = Date.parse(props.value) - now >= 60_000;
  return (
    <time dateTime={props.value} title={formatTimestamp(props.value)}>
      {props.prefix}
      {future ? formatRelative(props.value, now) : formatAgo(props.value, now)}
    </time>
  );
}
