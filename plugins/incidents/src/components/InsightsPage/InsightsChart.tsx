import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** A stacked series of {@link InsightsChart}, e.g. one severity. */
export interface ChartSeries {
  key: string;
  name: string;
  color: string;
}

/** A bar of {@link InsightsChart}: a week or a team, with a value per series. */
export interface ChartBar {
  key: string;
  label: string;
  values: Record<string, number>;
}

/**
 * Stacked bars (recharts) filling their card; a click on a bar (or one of its segments)
 * drills into it. `width` fixes the size where nothing can measure the card (tests).
 */
export function InsightsChart(props: {
  /** Accessible name of the chart. */
  label: string;
  bars: ChartBar[];
  series: ChartSeries[];
  unit?: string;
  height?: number;
  width?: number;
  selected?: string;
  onSelect?: (bar: ChartBar, seriesKey: string) => void;
}) {
  const { bars, series, unit, height = 220, selected, onSelect } = props;
  const theme = useTheme();
  const byKey = new Map(bars.map(b => [b.key, b]));
  const data = bars.map(b => ({ key: b.key, label: b.label, ...b.values }));
  const chart = (
    <BarChart
      data={data}
      width={props.width}
      height={height}
      accessibilityLayer
      margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" tick={{ fontSize: 12 }} />
      <YAxis allowDecimals={false} unit={unit} width={48} />
      <Tooltip
        formatter={(value: number) =>
          `${Math.round(value * 10) / 10}${unit ?? ''}`
        }
      />
      {series.length > 1 && <Legend />}
      {series.map(s => (
        <Bar
          key={s.key}
          dataKey={s.key}
          name={s.name}
          stackId="bars"
          fill={s.color}
          cursor={onSelect ? 'pointer' : undefined}
          isAnimationActive={false}
          onClick={(entry: { payload?: { key?: string } }) => {
            const bar = entry.payload?.key && byKey.get(entry.payload.key);
            if (bar && onSelect) onSelect(bar, s.key);
          }}
        >
          {bars.map(b => (
            <Cell
              key={b.key}
              data-testid={`bar-${b.key}-${s.key}`}
              stroke={
                selected === b.key ? theme.palette.primary.main : undefined
              }
              strokeWidth={selected === b.key ? 2 : 0}
            />
          ))}
        </Bar>
      ))}
    </BarChart>
  );
  return (
    <div role="figure" aria-label={props.label}>
      {props.width ? (
        chart
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          {chart}
        </ResponsiveContainer>
      )}
    </div>
  );
}
