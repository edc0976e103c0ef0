import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

/** The font of the page, so Thai labels in charts read like the rest of it. */
export const CHART_FONT = 'Sarabun, "Noto Sans Thai", "Leelawadee UI", Tahoma, sans-serif';

/** An ECharts chart (SVG) in a div: drawn with `option`, redrawn when it changes, resized with the window. */
export function useEChart(option: Record<string, unknown> | null) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current || !option) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: CHART_FONT, fontSize: 14 },
      ...option,
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return el;
}
