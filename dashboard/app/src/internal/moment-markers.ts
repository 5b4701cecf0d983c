// Campaign moments on a time chart: a chart.js plugin drawing a dashed vertical line, labelled with
// what happened, where each moment falls among the chart's buckets (pure placement + one draw hook).
import type { Chart, ChartType, Plugin } from 'chart.js';

/** A moment to mark: when (ISO) and what. */
export interface MomentMark {
  at: string;
  label: string;
}

/** Where a mark goes: bucket `index`, `fraction` of the way through it. */
export interface PlacedMark {
  index: number;
  fraction: number;
  label: string;
}

const LINE_COLOR = '#7a2e8a';
const MAX_LABEL = 28;

/** The marks that fall inside one of `buckets` ([start, end) ISO instants), in bucket order. */
export function placeMarks(marks: readonly MomentMark[], buckets: ReadonlyArray<{ start: string; end: string }>): PlacedMark[] {
  const placed: PlacedMark[] = [];
  for (const mark of marks) {
    const at = Date.parse(mark.at);
    const index = buckets.findIndex((bucket) => Date.parse(bucket.start) <= at && at < Date.parse(bucket.end));
    if (index < 0) continue;
    const start = Date.parse(buckets[index]!.start);
    placed.push({ index, fraction: (at - start) / (Date.parse(buckets[index]!.end) - start), label: mark.label });
  }
  return placed.sort((a, b) => a.index + a.fraction - (b.index + b.fraction));
}

function drawMark(chart: Chart, mark: PlacedMark): void {
  const scale = chart.scales['x'];
  if (!scale) return;
  const { ctx, chartArea } = chart;
  const step = scale.ticks.length > 1 ? scale.getPixelForValue(1) - scale.getPixelForValue(0) : chartArea.width;
  // Bars are centred on their bucket (offset scale); line points sit at their bucket's start.
  const x = scale.getPixelForValue(mark.index) + ((scale.options as { offset?: boolean }).offset ? -step / 2 : 0) + mark.fraction * step;
  const label = mark.label.length > MAX_LABEL ? `${mark.label.slice(0, MAX_LABEL - 1)}…` : mark.label;
  ctx.save();
  ctx.strokeStyle = LINE_COLOR;
  ctx.fillStyle = LINE_COLOR;
  ctx.lineWidth = 1.5;
  ctx.setLineDash([5, 3]);
  ctx.beginPath();
  ctx.moveTo(x, chartArea.top);
  ctx.lineTo(x, chartArea.bottom);
  ctx.stroke();
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.textAlign = x > chartArea.left + chartArea.width / 2 ? 'right' : 'left';
  ctx.fillText(label, x + (ctx.textAlign === 'right' ? -4 : 4), chartArea.top + 2);
  ctx.restore();
}

/** Draws the marks `marks()` places, above the datasets. */
export function momentMarkers<TType extends ChartType>(marks: () => readonly PlacedMark[]): Plugin<TType> {
  return {
    id: 'jqMomentMarkers',
    afterDatasetsDraw(chart) {
      for (const mark of marks()) drawMark(chart as unknown as Chart, mark);
    },
  };
}
