import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Paper, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import { rateChartData, rateChartHeight, type RateChartRow } from './rate-chart-data';
import { formatRate } from './status-labels';

interface RateChartProps {
  title: string;
  /** Plural noun for the categories: "classes of admission", "countries". */
  what: string;
  rows: readonly RateChartRow[];
  top: number;
  testId: string;
}

const SERIES = [
  { name: 'totalOverstayRate', label: 'Total overstay rate', color: 'red.7' },
  { name: 'suspectedInCountryRate', label: 'Suspected in-country rate', color: 'orange.4' },
];

/**
 * Horizontal bars of the two overstay rates of the categories with the most expected departures.
 * The figure is named by its title and described, bar by bar, in words; the table below it has
 * every row.
 */
export function RateChart({ title, what, rows, top, testId }: RateChartProps) {
  const id = useId();
  const chart = rateChartData(rows, top, what);
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="figure"
      m={0}
      aria-labelledby={`${id}-t`}
      aria-describedby={`${id}-d`}
      data-testid={testId}
      data-bars={chart.data.length}
    >
      <Title order={2} size="h4" id={`${id}-t`}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Top {chart.data.length}
        {chart.available > chart.data.length ? ` of ${chart.available}` : ''} {what} by expected
        departures (in brackets); rates are shares of expected departures.
      </Text>
      <VisuallyHidden id={`${id}-d`}>{chart.description}</VisuallyHidden>
      {chart.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No expected departures.
        </Text>
      ) : (
        <BarChart
          h={rateChartHeight(chart.data.length)}
          data={chart.data}
          dataKey="label"
          orientation="vertical"
          series={SERIES}
          withLegend
          // In the order of the bars (the legend would otherwise sort by name).
          legendProps={{
            verticalAlign: 'top',
            height: 36,
            itemSorter: (item) => SERIES.findIndex((x) => x.name === item.dataKey),
          }}
          withBarValueLabel
          valueFormatter={(v) => formatRate(v)}
          gridAxis="y"
          textColor="dark.6"
          yAxisProps={{ width: 120, interval: 0 }}
          xAxisProps={{ tickFormatter: (v: number) => `${v}%` }}
          valueLabelProps={{ fontSize: 12 }}
          tooltipAnimationDuration={0}
          // Room on the right for the value label of a bar that reaches the end of the axis.
          barChartProps={{
            barGap: 2,
            barCategoryGap: '18%',
            margin: { top: 0, right: 56, bottom: 0, left: 0 },
          }}
        />
      )}
    </Paper>
  );
}
