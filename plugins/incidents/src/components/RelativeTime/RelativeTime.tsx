import { useNow } from '../../hooks';
import { formatAgo, formatTimestamp } from '../../utils';

/** "12m ago", kept live, with the absolute time as tooltip and machine-readable value. */
export function RelativeTime(props: { value: string; prefix?: string }) {
  const now = useNow();
  return (
    <time dateTime={props.value} title={formatTimestamp(props.value)}>
      {props.prefix}
      {formatAgo(props.value, now)}
    </time>
  );
}
