// A line chart of one or more time series on one y-axis (never two: a second axis lets a small
// number be drawn above a large one), with the catalogue's definition of what it counts, partial
// buckets drawn dashed and labelled, gaps where nothing was collected, a data table, a PNG
// download with title, range and hashtags, and "list this bucket's posts" on click.
import type { ChartConfiguration } from 'chart.js';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TimeseriesResponse } from '../api/api-types.js';
import { bucketColumnName, bucketLabel, isPartial } from '../internal/bucket-labels.js';
import { ChartElement, type PngDownload } from '../internal/chart-element.js';
import type { BucketSelectDetail } from '../internal/events.js';
import { formatCompact, formatCount } from '../internal/format.js';
import { chartPanelStyles } from '../internal/shared-styles.js';

/** One line of the chart. */
export interface SeriesLine {
  response: TimeseriesResponse;
  color: string;
  /** chart.js point style, so lines differ by shape as well as colour. */
  pointStyle: 'circle' | 'rectRot' | 'triangle';
}

/**
 * Line chart of time series sharing one axis. The host carries `data-points` (buckets drawn).
 * @fires jq-bucket-select - the user asked for a bucket's posts
 */
@customElement('jq-series-chart')
export class JqSeriesChart extends ChartElement<'line'> {
  static override styles = [
    chartPanelStyles,
    css`
      .canvas-box {
        height: 280px;
      }
      dl.defs {
        margin: 0.5rem 0 0;
        font-size: 0.82rem;
        color: var(--jq-muted);
      }
      dl.defs dt {
        display: inline;
        font-weight: 600;
        color: var(--jq-text);
      }
      dl.defs dt::after {
        content: ': ';
      }
      dl.defs dd {
        display: inline;
        margin: 0;
      }
      dl.defs div {
        margin: 0.15rem 0;
      }
    `,
  ];

  /** The chart's title, also the PNG's. */
  @property() heading = '';

  /** Short stable name for ids and the PNG file, e.g. "reach". */
  @property() name = 'series';

  /** The lines to draw (same buckets), or null before data arrives. */
  @property({ attribute: false }) lines: SeriesLine[] | null = null;

  /** A sentence the definitions do not say (e.g. "Impressions are reported by X only."). */
  @property() note = '';

  /** Report time zone, for the bucket labels. */
  @property() timeZone = 'UTC';

  private get _first(): TimeseriesResponse | null {
    return this.lines?.[0]?.response ?? null;
  }

  private _labels(): string[] {
    const first = this._first;
    if (!first) return [];
    return first.points.map((point) => bucketLabel(point, first, this.timeZone));
  }

  protected override bucketAt(index: number): BucketSelectDetail | null {
    const point = this._first?.points[index];
    return point ? { start: point.start, end: point.end, label: this._labels()[index]! } : null;
  }

  protected override chartConfig(): ChartConfiguration<'line'> {
    const first = this._first;
    const points = first?.points ?? [];
    return {
      type: 'line',
      data: {
        labels: this._labels(),
        datasets: (this.lines ?? []).map((line) => ({
          label: line.response.definition.label,
          data: line.response.points.map((point) => point.value),
          borderColor: line.color,
          backgroundColor: line.color,
          pointStyle: line.pointStyle,
          // Partial buckets: hollow, larger markers and a dashed line into them.
          pointRadius: line.response.points.map((point) => (isPartial(point) ? 5 : 3)),
          pointBackgroundColor: line.response.points.map((point) => (isPartial(point) ? '#ffffff' : line.color)),
          borderWidth: 2,
          spanGaps: false,
          segment: { borderDash: (ctx) => (isPartial(points[ctx.p0DataIndex]) || isPartial(points[ctx.p1DataIndex]) ? [5, 4] : undefined) },
        })),
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } },
        scales: {
          y: { beginAtZero: true, ticks: { callback: (value) => formatCompact(Number(value)) } },
          x: { ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 12 } },
        },
      },
    };
  }

  protected override pngDownload(): PngDownload {
    return { fileName: `jobquality-${this.name}.png`, title: this.heading, notes: this.note ? [this.note] : [] };
  }

  override render() {
    const lines = this.lines;
    const first = this._first;
    if (!lines || !first) return nothing;
    const labels = this._labels();
    return this.renderChartPanel({
      titleId: `${this.name}-title`,
      heading: this.heading,
      canvasLabel: `Line chart of ${lines.map((line) => line.response.definition.label.toLowerCase()).join(' and ')} per ${first.interval}; click a point to list its posts; the numbers are in the data table below.`,
      notes: html`<dl class="defs">
          ${lines.map((line) => html`<div><dt>${line.response.definition.label}</dt><dd>${line.response.definition.definition}</dd></div>`)}
        </dl>
        <p class="note">
          ${this.note} Dashed, hollow points are partial buckets (still running or partly collected); a break in a line is time that was not collected, not zero.
        </p>`,
      table: {
        label: `${this.heading}: data table`,
        caption: `${this.heading} per ${first.interval}`,
        head: html`<tr>
          <th scope="col">${bucketColumnName(first)}</th>
          <th scope="col">Collection</th>
          ${lines.map((line) => html`<th scope="col">${line.response.definition.label}</th>`)}
          <th scope="col"><span class="visually-hidden">Posts</span></th>
        </tr>`,
        rows: first.points.map(
          (point, index) => html`<tr data-status=${point.status}>
            ${this.bucketCells(labels[index]!, point.status)}
            ${lines.map((line) => {
              const value = line.response.points[index]?.value ?? null;
              return point.status === 'not_collected' ? html`<td class="not-collected">not collected</td>` : html`<td>${formatCount(value)}</td>`;
            })}
            ${this.postsButtonCell(index, labels[index]!)}
          </tr>`,
        ),
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-series-chart': JqSeriesChart;
  }
}
