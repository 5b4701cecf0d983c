// Posts per bucket, stacked by network on one axis, with partial buckets labelled and lighter,
// networks not collected in a bucket left out (not drawn as 0), a data table alternative, a PNG
// download with title, range and hashtags, and "list this bucket's posts" on click.
import type { ChartConfiguration } from 'chart.js';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { BucketStatus, SeriesPoint, TimeseriesResponse } from '../api/api-types.js';
import { bucketColumnName, bucketLabel, isPartial } from '../internal/bucket-labels.js';
import { ChartElement } from '../internal/chart-element.js';
import type { BucketSelectDetail } from '../internal/events.js';
import { BUCKET_STATUS_LABELS, formatCount } from '../internal/format.js';
import { NO_NETWORKS, type NetworkRegistry } from '../internal/networks.js';
import { controlStyles, panelStyles, tableStyles } from '../internal/shared-styles.js';

/**
 * Stacked bar chart of posts per hour, day or week and network. The host carries `data-points`.
 */
@customElement('jq-posts-chart')
export class JqPostsChart extends ChartElement<'bar'> {
  static override styles = [
    panelStyles,
    controlStyles,
    tableStyles,
    css`
      .canvas-box {
        position: relative;
        height: 260px;
      }
      td.not-collected {
        color: var(--jq-muted);
        font-style: italic;
      }
      button.link {
        min-height: 1.8rem;
        font-size: 0.8rem;
      }
    `,
  ];

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

  private _onDownload() {
    this.downloadPng('jobquality-posts-per-period.png', `Posts per ${this.series?.[0]?.series.interval ?? 'day'}`);
  }

  override render() {
    const series = this.series;
    const first = series?.[0]?.series;
    if (!series || !first) return nothing;
    const per = first.interval;
    const labels = this._labels();
    return html`<section class="panel" aria-labelledby="posts-title">
      <div class="panel-head">
        <h2 id="posts-title">Posts per ${per}</h2>
        <button type="button" @click=${this._onDownload}>Download PNG</button>
      </div>
      <div class="canvas-box">
        <canvas role="img" aria-label="Stacked bar chart of posts per ${per} by network; the numbers are in the data table below."></canvas>
      </div>
      <p class="note">
        ${first.definition.definition} Lighter, outlined bars are partial buckets (still running or partly collected); a network missing from a bar
        was not collected then. Click a bar to list its posts.
      </p>
      <details>
        <summary>Data table</summary>
        <div class="table-scroll" tabindex="0" role="region" aria-label="Posts per ${per}: data table">
          <table>
            <caption>Posts per ${per} and network</caption>
            <thead>
              <tr>
                <th scope="col">${bucketColumnName(first)}</th>
                <th scope="col">Collection</th>
                ${series.map(({ network }) => html`<th scope="col">${this.registry.label(network)}</th>`)}
                <th scope="col">Total</th>
                <th scope="col"><span class="visually-hidden">Posts</span></th>
              </tr>
            </thead>
            <tbody>
              ${this._points().map((point, index) => {
                const values = series.map(({ series: one }) => one.points[index]?.value ?? null);
                const collected = values.filter((value): value is number => value !== null);
                return html`<tr data-status=${point.status}>
                  <th scope="row">${labels[index]}</th>
                  <td>${BUCKET_STATUS_LABELS[point.status]}</td>
                  ${values.map((value) => (value === null ? html`<td class="not-collected">not collected</td>` : html`<td>${formatCount(value)}</td>`))}
                  ${collected.length === 0 ? html`<td class="not-collected">not collected</td>` : html`<td>${formatCount(collected.reduce((sum, value) => sum + value, 0))}</td>`}
                  <td><button type="button" class="link" aria-label="List posts of ${labels[index]}" @click=${() => this.selectBucket(index)}>Posts</button></td>
                </tr>`;
              })}
            </tbody>
          </table>
        </div>
      </details>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-posts-chart': JqPostsChart;
  }
}
