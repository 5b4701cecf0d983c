// Posts per bucket, stacked by network on one axis, with partial buckets labelled and lighter,
// networks not collected in a bucket left out (not drawn as 0), a data table alternative, a PNG
// download with title, range and hashtags, and "list this bucket's posts" on click.
import type { ChartConfiguration } from 'chart.js';
import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { BucketStatus, SeriesPoint, TimeseriesResponse } from '../api/api-types.js';
import { bucketColumnName, bucketLabel, isPartial } from '../internal/bucket-labels.js';
import { ChartElement, type PngDownload } from '../internal/chart-element.js';
import type { BucketSelectDetail } from '../internal/events.js';
import { formatCount } from '../internal/format.js';
import { NO_NETWORKS, type NetworkRegistry } from '../internal/networks.js';
import { chartPanelStyles } from '../internal/shared-styles.js';

/**
 * Stacked bar chart of posts per hour, day or week and network. The host carries `data-points`.
 */
@customElement('jq-posts-chart')
export class JqPostsChart extends ChartElement<'bar'> {
  static override styles = chartPanelStyles;

  /** The networks the server collects from: their labels and colours. */
  @property({ attribute: false }) registry: NetworkRegistry = NO_NETWORKS;

  /** One posts series per network in view (same buckets), or null before data arrives. */
  @property({ attribute: false }) series: Array<{ network: string; series: TimeseriesResponse }> | null = null;

  /** Report time zone, for the bucket labels. */
  @property() timeZone = 'UTC';

  /** Each bucket over every network in view: still running, not collected anywhere, partly, or complete. */
  private _points(): SeriesPoint[] {
    const series = this.series ?? [];
    const first = series[0]?.series;
    if (!first) return [];
    return first.points.map((point, index) => {
      const statuses = series.map(({ series: one }) => one.points[index]?.status ?? 'not_collected');
      const status: BucketStatus = statuses.includes('in_progress')
        ? 'in_progress'
        : statuses.every((one) => one === 'not_collected')
          ? 'not_collected'
          : statuses.every((one) => one === 'complete')
            ? 'complete'
            : 'partial';
      return { ...point, status };
    });
  }

  private _labels(): string[] {
    const first = this.series?.[0]?.series;
    if (!first) return [];
    return this._points().map((point) => bucketLabel(point, first, this.timeZone));
  }

  protected override bucketAt(index: number): BucketSelectDetail | null {
    const point = this._points()[index];
    return point ? { start: point.start, end: point.end, label: this._labels()[index]! } : null;
  }

  protected override chartConfig(): ChartConfiguration<'bar'> {
    return {
      type: 'bar',
      data: {
        labels: this._labels(),
        datasets: (this.series ?? []).map(({ network, series }) => ({
          label: this.registry.label(network),
          // Null (not collected) draws no bar: never a zero.
          data: series.points.map((point) => point.value),
          // Partial buckets are drawn lighter, with an outline.
          backgroundColor: series.points.map((point) => (isPartial(point) ? `${this.registry.color(network)}66` : this.registry.color(network))),
          borderColor: this.registry.color(network),
          borderWidth: series.points.map((point) => (isPartial(point) ? 2 : 0)),
          stack: 'posts',
        })),
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 14, boxHeight: 14 } } },
        scales: {
          x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 12 } },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Posts' } },
        },
      },
    };
  }

  protected override pngDownload(): PngDownload {
    return { fileName: 'jobquality-posts-per-period.png', title: `Posts per ${this.series?.[0]?.series.interval ?? 'day'}` };
  }

  private _renderRows(series: NonNullable<JqPostsChart['series']>) {
    const labels = this._labels();
    return this._points().map((point, index) => {
      const values = series.map(({ series: one }) => one.points[index]?.value ?? null);
      const collected = values.filter((value): value is number => value !== null);
      return html`<tr data-status=${point.status}>
        ${this.bucketCells(labels[index]!, point.status)}
        ${values.map((value) => (value === null ? html`<td class="not-collected">not collected</td>` : html`<td>${formatCount(value)}</td>`))}
        ${collected.length === 0 ? html`<td class="not-collected">not collected</td>` : html`<td>${formatCount(collected.reduce((sum, value) => sum + value, 0))}</td>`}
        ${this.postsButtonCell(index, labels[index]!)}
      </tr>`;
    });
  }

  override render() {
    const series = this.series;
    const first = series?.[0]?.series;
    if (!series || !first) return nothing;
    const per = first.interval;
    return this.renderChartPanel({
      titleId: 'posts-title',
      heading: `Posts per ${per}`,
      canvasLabel: `Stacked bar chart of posts per ${per} by network; the numbers are in the data table below.`,
      notes: html`<p class="note">
        ${first.definition.definition} Lighter, outlined bars are partial buckets (still running or partly collected); a network missing from a bar was not
        collected then. Click a bar to list its posts.
      </p>`,
      table: {
        label: `Posts per ${per}: data table`,
        caption: `Posts per ${per} and network`,
        head: html`<tr>
          <th scope="col">${bucketColumnName(first)}</th>
          <th scope="col">Collection</th>
          ${series.map(({ network }) => html`<th scope="col">${this.registry.label(network)}</th>`)}
          <th scope="col">Total</th>
          <th scope="col"><span class="visually-hidden">Posts</span></th>
        </tr>`,
        rows: this._renderRows(series),
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-posts-chart': JqPostsChart;
  }
}
