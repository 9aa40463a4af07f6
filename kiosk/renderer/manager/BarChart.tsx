/** A bar chart (Chart.js) for the manager's statistics. */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const COLORS = ['#0b5cad', '#f5a623', '#1f9d55', '#d64545'];

export function BarChart(props: { labels: string[]; series: { label: string; values: (number | null)[] }[]; testId?: string }) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: props.labels,
        datasets: props.series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: COLORS[i % COLORS.length] })),
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: props.series.length > 1 } } },
    });
    return () => chart.destroy();
  }, [props.labels, props.series]);
  return (
    <div className="chart" data-testid={props.testId}>
      <canvas ref={canvas} />
    </div>
  );
}
