import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface ChartSeries {
  name: string;
  values: (number | null)[];
  dashed?: boolean;
  step?: boolean;
}

/** A small line chart (ECharts, SVG) over category labels; null values draw no point. */
export function LineChartBox({
  labels,
  series,
  label,
  yMax,
  unit,
  testId,
}: {
  labels: string[];
  series: ChartSeries[];
  label: string;
  yMax?: number;
  unit?: string;
  testId?: string;
}) {
  const { i18n } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'svg' });
    // Laid out for the width it has (a phone gets a taller legend area and thinned labels).
    const apply = () => {
      const narrow = (el.current?.clientWidth ?? 800) < 520;
      chart.setOption({
        textStyle: { fontFamily: 'Sarabun, sans-serif', fontSize: 13 },
        tooltip: {
          trigger: 'axis',
          valueFormatter: (v: unknown) =>
            v === null || v === undefined ? '–' : `${String(v)}${unit ? ` ${unit}` : ''}`,
        },
        legend: { top: 0, textStyle: { fontSize: narrow ? 12 : 13 } },
        grid: { left: 44, right: 16, top: narrow && series.length > 2 ? 76 : 44, bottom: 28 },
        xAxis: {
          type: 'category',
          data: labels,
          axisLabel: { interval: narrow ? 'auto' : 0, fontSize: 12, hideOverlap: true },
        },
        yAxis: { type: 'value', ...(yMax !== undefined && { max: yMax }), min: 0 },
        series: series.map((s) => ({
          name: s.name,
          type: 'line' as const,
          data: s.values,
          connectNulls: true,
          step: s.step ? ('end' as const) : undefined,
          symbolSize: 7,
          lineStyle: s.dashed ? { type: 'dashed' as const } : undefined,
        })),
      });
    };
    apply();
    const resize = () => {
      apply();
      chart.resize();
    };
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [labels, series, yMax, unit, i18n.language]);
  return (
    <div
      ref={el}
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ height: 300, width: '100%' }}
    />
  );
}
