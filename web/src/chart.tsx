// Trend charts with uPlot (about 20 kB gzipped, canvas-drawn): one line per series over days.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  label: string;
  values: number[];
  color: string;
}

export function TrendChart({ title, days, series }: { title: string; days: number[]; series: Series[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const width = Math.max(280, el.clientWidth);
    const plot = new uPlot(
      {
        width,
        height: 220,
        legend: { show: true },
        // The last 30 days whatever the data: one day of records is a point, not a span.
        scales: { x: { time: true, range: () => [Date.now() / 1000 - 30 * 86400, Date.now() / 1000 + 86400] } },
        axes: [{}, { size: 72 }],
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, points: { show: days.length < 40 } }))],
      },
      [days, ...series.map((s) => s.values)],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height: 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [days, series]);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div ref={box} role="img" aria-label={`${title}: ${series.map((s) => `${s.label} ${s.values[s.values.length - 1] ?? 0}`).join(', ')} now`} />
    </figure>
  );
}
