import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rankings } from '@pbis/contract';
import { useEChart } from './analysis-chart';

const BAR = 22;

/**
 * Units ranked by indicator 5.1, highest at the top, as horizontal bars (the unit's Thai name on
 * the axis, its rank and rate at the bar's end); the units forecast to miss 5.1 in orange; the
 * September target as a vertical line. Scrolls when long.
 */
export function RankingsChart({
  rankings,
  target,
  missing,
}: {
  rankings: Rankings;
  target: string;
  /** Codes of the units forecast to miss indicator 5.1. */
  missing: ReadonlySet<string>;
}) {
  const { t } = useTranslation('execution');
  const items = rankings.disbursement;
  const option = useMemo(() => {
    const shown = [...items].reverse(); // ECharts draws the first category at the bottom
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) => `${Number(v).toFixed(3)} %`,
      },
      grid: { left: 16, right: 90, top: 30, bottom: 30, containLabel: true },
      xAxis: {
        type: 'value',
        min: 0,
        max: (v: { max: number }) => Math.max(100, Math.ceil(v.max)),
        axisLabel: { formatter: (v: number) => `${v} %` },
      },
      yAxis: {
        type: 'category',
        data: shown.map((r) => `${r.rank}. ${r.unitName}`),
        axisLabel: { width: 260, overflow: 'truncate', fontSize: 13 },
      },
      series: [
        {
          name: t('analysis.rate'),
          type: 'bar',
          data: shown.map((r) => ({
            value: Number(r.rate),
            itemStyle: { color: missing.has(r.unitCode) ? '#f08c00' : '#1c7ed6' },
          })),
          barMaxWidth: 16,
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: number }) => `${p.value.toFixed(3)} %`,
          },
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: '#e03131' },
            label: {
              position: 'end',
              formatter: t('analysis.targetValue', { value: Number(target) }),
            },
            data: [{ xAxis: Number(target) }],
          },
        },
      ],
    };
  }, [items, target, missing, t]);
  const el = useEChart(items.length > 0 ? option : null);
  const height = Math.max(160, items.length * BAR + 50);
  return (
    <div style={{ maxHeight: 560, overflowY: 'auto' }}>
      <div
        ref={el}
        role="img"
        aria-label={t('analysis.rankLabel')}
        data-testid="rankings-chart"
        style={{ height }}
      />
    </div>
  );
}
