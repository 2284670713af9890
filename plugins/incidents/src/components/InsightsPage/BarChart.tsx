import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';

/** One bar of {@link BarChart}: stacked segments, a label, and what a click drills into. */
export interface Bar {
  key: string;
  label: string;
  segments: { name: string; value: number; color: string }[];
}

/**
 * Vertical stacked bars, drawn as SVG-free boxes so they scale with the card and stay
 * accessible (each bar is a button naming its figures).
 */
export function BarChart(props: {
  bars: Bar[];
  height?: number;
  onSelect?: (bar: Bar) => void;
  selected?: string;
  unit?: string;
}) {
  const { bars, height = 160, onSelect, selected, unit = '' } = props;
  const max = Math.max(
    1,
    ...bars.map(b => b.segments.reduce((n, s) => n + s.value, 0)),
  );
  return (
    <Box
      display="flex"
      alignItems="flex-end"
      style={{ gap: 4, height: height + 40 }}
    >
      {bars.map(bar => {
        const total = bar.segments.reduce((n, s) => n + s.value, 0);
        const summary = `${bar.label}: ${
          bar.segments
            .filter(s => s.value)
            .map(s => `${s.name} ${Math.round(s.value * 10) / 10}${unit}`)
            .join(', ') || 'none'
        }`;
        return (
          <Tooltip key={bar.key} title={summary}>
            <Box
              role="button"
              aria-label={summary}
              tabIndex={0}
              onClick={() => onSelect?.(bar)}
              onKeyDown={e => e.key === 'Enter' && onSelect?.(bar)}
              display="flex"
              flexDirection="column"
              alignItems="center"
              flex={1}
              style={{ cursor: onSelect ? 'pointer' : 'default', minWidth: 16 }}
            >
              <Box
                display="flex"
                flexDirection="column-reverse"
                width="100%"
                height={height}
                style={{
                  outline:
                    selected === bar.key ? '2px solid #1976d2' : undefined,
                }}
              >
                {bar.segments.map(s => (
                  <Box
                    key={s.name}
                    style={{
                      background: s.color,
                      height: (s.value / max) * height,
                    }}
                  />
                ))}
              </Box>
              <Typography variant="caption" noWrap>
                {bar.label}
              </Typography>
              <Typography variant="caption" color="textSecondary">
                {Math.round(total * 10) / 10}
                {unit}
              </Typography>
            </Box>
          </Tooltip>
        );
      })}
    </Box>
  );
}
