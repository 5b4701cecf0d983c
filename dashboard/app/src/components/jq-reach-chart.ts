// The reach over time chart: impressions and potential reach (left axis) with engagements (right
// axis) per bucket, a data table alternative and a PNG download.
import type { ChartConfiguration } from 'chart.js';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TimeseriesResponse } from '../api/api-types.js';
import { ChartElement } from '../internal/chart-element.js';
import { formatBucket, formatCompact, formatCount } from '../internal/format.js';
import { METRIC_COLORS } from '../internal/networks.js';
import { controlStyles, panelStyles, tableStyles } from '../internal/shared-styles.js';

/** The three series the chart draws, as /api/timeseries returned them (same buckets). */
export interface ReachSeries {
  impressions: TimeseriesResponse;
  potentialReach: TimeseriesResponse;
  engagements: TimeseriesResponse;
}

/**
 * Line chart of reach over time. The host carries `data-points`: the number of buckets drawn.
 * @csspart canvas-box - the box the canvas fills
 */
@customElement('jq-reach-chart')
export class JqReachChart extends ChartElement<'line'> {
  static override styles = [
    panelStyles,
    controlStyles,
    tableStyles,
    css`
      .canvas-box {
        position: relative;
        height: 300px;
      }
    `,
  ];

  /** The series to draw, or null before data arrives. */
  @property({ attribute: false }) series: ReachSeries | null = null;

  /** Report time zone, for the bucket labels. */
  @property() timeZone = 'UTC';

  /** Whether any network in view reports impressions (else the impressions line is left out). */
  private get _hasImpressions(): boolean {
    return this.series?.impressions.points.some((point) => point.value !== null) ?? false;
  }

  private _labels(): string[] {
    const series = this.series;
    if (!series) return [];
    return series.potentialReach.points.map((point) => formatBucket(point.start, series.potentialReach.interval, this.timeZone));
  }

  protected override chartConfig(): ChartConfiguration<'line'> {
    const series = this.series!;
    const values = (response: TimeseriesResponse) => response.points.map((point) => point.value);
    const datasets: ChartConfiguration<'line'>['data']['datasets'] = [];
    if (this._hasImpressions) {
      datasets.push({ label: 'Impressions (gained)', data: values(series.impressions), borderColor: METRIC_COLORS.impressions, backgroundColor: METRIC_COLORS.impressions, yAxisID: 'y', pointStyle: 'circle', pointRadius: 3, borderWidth: 2 });
    }
    datasets.push(
      { label: 'Potential reach (upper bound)', data: values(series.potentialReach), borderColor: METRIC_COLORS.potentialReach, backgroundColor: METRIC_COLORS.potentialReach, borderDash: [6, 4], yAxisID: 'y', pointStyle: 'rectRot', pointRadius: 4, borderWidth: 2 },
      { label: 'Engagements (gained)', data: values(series.engagements), borderColor: METRIC_COLORS.engagements, backgroundColor: METRIC_COLORS.engagements, yAxisID: 'y1', pointStyle: 'triangle', pointRadius: 4, borderWidth: 2 },
    );
    return {
      type: 'line',
      data: { labels: this._labels(), datasets },
      options: {
        interaction: { mode: 'index', intersect: false },
        // Each series has its own marker shape as well as colour, and the legend shows it.
        plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } },
        scales: {
          y: { beginAtZero: true, position: 'left', title: { display: true, text: this._hasImpressions ? 'Impressions · potential reach' : 'Potential reach' }, ticks: { callback: (value) => formatCompact(Number(value)) } },
          y1: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false }, title: { display: true, text: 'Engagements' }, ticks: { callback: (value) => formatCompact(Number(value)) } },
          x: { ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 12 } },
        },
      },
    };
  }

  private _onDownload() {
    this.downloadPng('jobquality-reach-over-time.png');
  }

  override render() {
    const series = this.series;
    if (!series) return nothing;
    const labels = this._labels();
    const per = series.potentialReach.interval;
    return html`<section class="panel" aria-labelledby="reach-title">
      <div class="panel-head">
        <h2 id="reach-title">Reach over time</h2>
        <button type="button" @click=${this._onDownload}>Download PNG</button>
      </div>
      <div class="canvas-box" part="canvas-box">
        <canvas role="img" aria-label="Line chart of ${this._hasImpressions ? 'impressions, ' : ''}potential reach and engagements per ${per}; the numbers are in the data table below."></canvas>
      </div>
      <p class="note">
        ${this._hasImpressions ? 'Impressions are reported by X only. ' : 'No network in this view reports impressions. '}Impressions and engagements
        are what was gained in each ${per}; potential reach is the followers of that ${per}'s contributors added up, an upper bound.
      </p>
      <details>
        <summary>Data table</summary>
        <div class="table-scroll">
          <table>
            <caption>Reach per ${per}</caption>
            <thead>
              <tr><th scope="col">${per === 'week' ? 'Week' : per === 'hour' ? 'Hour' : 'Day'}</th><th scope="col">Impressions gained</th><th scope="col">Potential reach</th><th scope="col">Engagements gained</th></tr>
            </thead>
            <tbody>
              ${labels.map(
                (label, index) => html`<tr>
                  <th scope="row">${label}</th>
                  <td>${formatCount(series.impressions.points[index]?.value ?? null)}</td>
                  <td>${formatCount(series.potentialReach.points[index]?.value ?? null)}</td>
                  <td>${formatCount(series.engagements.points[index]?.value ?? null)}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-reach-chart': JqReachChart;
  }
}
