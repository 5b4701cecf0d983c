// Posts per bucket, stacked by network, with a data table alternative and a PNG download.
import type { ChartConfiguration } from 'chart.js';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Network, TimeseriesResponse } from '../api/api-types.js';
import { ChartElement } from '../internal/chart-element.js';
import { formatBucket, formatCount } from '../internal/format.js';
import { NETWORK_COLORS, NETWORK_LABELS } from '../internal/networks.js';
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
    `,
  ];

  /** One posts series per network in view (same buckets), or null before data arrives. */
  @property({ attribute: false }) series: Array<{ network: Network; series: TimeseriesResponse }> | null = null;

  /** Report time zone, for the bucket labels. */
  @property() timeZone = 'UTC';

  private _labels(): string[] {
    const first = this.series?.[0]?.series;
    if (!first) return [];
    return first.points.map((point) => formatBucket(point.start, first.interval, this.timeZone));
  }

  protected override chartConfig(): ChartConfiguration<'bar'> {
    return {
      type: 'bar',
      data: {
        labels: this._labels(),
        datasets: (this.series ?? []).map(({ network, series }) => ({
          label: NETWORK_LABELS[network],
          data: series.points.map((point) => point.value ?? 0),
          backgroundColor: NETWORK_COLORS[network],
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
    this.downloadPng('jobquality-posts-per-period.png');
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
      <p class="note">By creation time. Original posts, replies, quotes and reposts are all counted; the KPI card splits them.</p>
      <details>
        <summary>Data table</summary>
        <div class="table-scroll">
          <table>
            <caption>Posts per ${per} and network</caption>
            <thead>
              <tr>
                <th scope="col">${per === 'week' ? 'Week' : per === 'hour' ? 'Hour' : 'Day'}</th>
                ${series.map(({ network }) => html`<th scope="col">${NETWORK_LABELS[network]}</th>`)}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              ${labels.map((label, index) => {
                const values = series.map(({ series: one }) => one.points[index]?.value ?? 0);
                return html`<tr>
                  <th scope="row">${label}</th>
                  ${values.map((value) => html`<td>${formatCount(value)}</td>`)}
                  <td>${formatCount(values.reduce((sum, value) => sum + value, 0))}</td>
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
