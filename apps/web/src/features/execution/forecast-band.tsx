import { useMemo } from 'react';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Forecast, ForecastRow } from '@pbis/contract';
import { FISCAL_MONTHS } from '@pbis/core';
import { useEChart } from './analysis-chart';

/**
 * Indicator 5.1 as a cumulative curve (percent of its base) through the months observed, and the
 * forecast from there to September: the low–high band shaded, the point forecast as a dashed line,
 * the target as a horizontal line.
 */
export function ForecastBand({ row, targets }: { row: ForecastRow; targets: Forecast['targets'] }) {
  const target = targets.disbursementRate;
  const { t, i18n } = useTranslation('execution');
  const th = i18n.language !== 'en';
  const f = row.disbursement;
  const option = useMemo(() => {
    const months = FISCAL_MONTHS.map((m) => (th ? m.abbreviation : m.englishName.slice(0, 3)));
    const at = (k: number) => f.path.find((p) => p.fiscalMonth === k);
    const actual = months.map((_, i) => (i < f.curve.length ? Number(f.curve[i]) : null));
    const low = months.map((_, i) => (at(i + 1) ? Number(at(i + 1)!.low) : null));
    const width = months.map((_, i) =>
      at(i + 1) ? Number(at(i + 1)!.high) - Number(at(i + 1)!.low) : null,
    );
    const point = months.map((_, i) => (at(i + 1) ? Number(at(i + 1)!.point) : null));
    const pct = (v: unknown) => (v === null || v === undefined ? '–' : `${Number(v).toFixed(3)} %`);
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (items: { seriesName: string; dataIndex: number; value: unknown }[]) => {
          const i = items[0]?.dataIndex ?? 0;
          const p = at(i + 1);
          const lines = [months[i]];
          if (actual[i] !== null) lines.push(`${t('analysis.actual')}: ${pct(actual[i])}`);
          if (p && i + 1 > f.curve.length) {
            lines.push(`${t('analysis.forecastPoint')}: ${pct(p.point)}`);
            lines.push(`${t('analysis.forecastBand')}: ${pct(p.low)} – ${pct(p.high)}`);
          }
          return lines.join('<br/>');
        },
      },
      legend: {
        top: 0,
        data: [t('analysis.actual'), t('analysis.forecastPoint'), t('analysis.forecastBand')],
      },
      grid: { left: 60, right: 30, top: 44, bottom: 30 },
      xAxis: { type: 'category', boundaryGap: false, data: months },
      yAxis: {
        type: 'value',
        min: 0,
        max: 100,
        axisLabel: { formatter: (v: number) => `${v} %` },
      },
      series: [
        {
          name: 'band-low',
          type: 'line',
          data: low,
          stack: 'band',
          lineStyle: { opacity: 0 },
          symbol: 'none',
          silent: true,
          tooltip: { show: false },
        },
        {
          name: t('analysis.forecastBand'),
          type: 'line',
          data: width,
          stack: 'band',
          lineStyle: { opacity: 0 },
          symbol: 'none',
          areaStyle: { color: 'rgba(34, 139, 230, 0.22)' },
          itemStyle: { color: 'rgba(34, 139, 230, 0.5)' },
        },
        {
          name: t('analysis.actual'),
          type: 'line',
          data: actual,
          itemStyle: { color: '#1c7ed6' },
          lineStyle: { width: 3 },
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: '#e03131', type: 'solid' },
            label: {
              position: 'insideEndTop',
              formatter: t('analysis.targetValue', { value: Number(target) }),
            },
            data: [{ yAxis: Number(target) }],
          },
        },
        {
          name: t('analysis.forecastPoint'),
          type: 'line',
          data: point,
          itemStyle: { color: '#1864ab' },
          lineStyle: { type: 'dashed', width: 2 },
        },
      ],
    };
  }, [f, target, t, th]);
  const el = useEChart(option);
  return (
    <>
      <div
        ref={el}
        role="img"
        aria-label={t('analysis.bandLabel')}
        data-testid="forecast-band"
        style={{ height: 340 }}
      />
      {f.point !== null && (
        <Text size="sm" mt="xs">
          {t('analysis.summary51', {
            point: f.point,
            low: f.low,
            high: f.high,
            target: Number(target),
          })}
        </Text>
      )}
      {row.carryOver.point !== null && row.included && (
        <Text size="sm">
          {t('analysis.summary2', {
            point: row.carryOver.point,
            low: row.carryOver.low,
            high: row.carryOver.high,
            target: Number(targets.carryOverRate),
          })}
        </Text>
      )}
    </>
  );
}
