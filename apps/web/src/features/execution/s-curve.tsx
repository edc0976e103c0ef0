import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ExecutionSummary } from '@pbis/contract';
import { FISCAL_MONTHS } from '@pbis/core';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Cumulative planned, obligated and disbursed baht by fiscal month (October first). */
export function SCurve({ months }: { months: ExecutionSummary['months'] }) {
  const { t, i18n } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'svg' });
    const th = i18n.language === 'th';
    const series = (key: 'plannedBaht' | 'obligatedBaht' | 'disbursedBaht', name: string) => ({
      name,
      type: 'line' as const,
      smooth: false,
      data: months.map((m) => Number(m[key])),
    });
    chart.setOption({
      textStyle: { fontFamily: 'Sarabun, sans-serif', fontSize: 14 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) =>
          `${Number(v).toLocaleString('th-TH', { minimumFractionDigits: 2 })} ${t('execution:baht')}`,
      },
      legend: { top: 0 },
      grid: { left: 90, right: 20, top: 40, bottom: 30 },
      xAxis: {
        type: 'category',
        data: FISCAL_MONTHS.map((m) => (th ? m.abbreviation : m.englishName.slice(0, 3))),
      },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => v.toLocaleString('th-TH') },
      },
      series: [
        series('plannedBaht', t('execution:planned')),
        series('obligatedBaht', t('execution:obligated')),
        series('disbursedBaht', t('execution:disbursed')),
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [months, t, i18n.language]);
  return <div ref={el} role="img" aria-label={t('execution:curveLabel')} style={{ height: 320 }} />;
}
