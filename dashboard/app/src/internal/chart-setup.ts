// chart.js with only the parts the dashboard draws registered (line and bar charts on category
// and linear scales, legend, tooltip), so the bundle leaves the rest out; plus app-wide defaults.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartType,
  type Plugin,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#3d4450';
Chart.defaults.borderColor = '#e3e6ea';
// Charts redraw on every auto-refresh; motion there is noise (and unkind to people who turn it off).
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

/** A plugin painting a white background under the chart so a downloaded PNG is not transparent. */
export function whiteBackground<TType extends ChartType>(): Plugin<TType> {
  return {
    id: 'jqWhiteBackground',
    beforeDraw(chart) {
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
  };
}

export { Chart };
