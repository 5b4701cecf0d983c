// The split between networks: posts per network as horizontal bars, with every network number
// (contributors, engagements, impressions) in the data table and a PNG download.
import type { ChartConfiguration } from 'chart.js';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { NetworkRow } from '../api/api-types.js';
import { ChartElement, type PngDownload } from '../internal/chart-element.js';
import { formatCount } from '../internal/format.js';
import { NO_NETWORKS, type NetworkRegistry } from '../internal/networks.js';
import { chartPanelStyles } from '../internal/shared-styles.js';

/** Bar chart of posts per network. The host carries `data-points` (networks drawn). */
@customElement('jq-network-chart')
export class JqNetworkChart extends ChartElement<'bar'> {
  static override styles = [
    chartPanelStyles,
    css`
      .canvas-box {
        height: 180px;
      }
    `,
  ];

  /** The networks the server collects from: their labels and colours. */
  @property({ attribute: false }) registry: NetworkRegistry = NO_NETWORKS;

  /** The `/api/networks` rows, or null before data arrives. */
  @property({ attribute: false }) networks: NetworkRow[] | null = null;

  protected override chartConfig(): ChartConfiguration<'bar'> {
    const rows = this.networks ?? [];
    return {
      type: 'bar',
      data: {
        labels: rows.map((row) => this.registry.label(row.network)),
        datasets: [{ label: 'Posts', data: rows.map((row) => row.posts), backgroundColor: rows.map((row) => this.registry.color(row.network)) }],
      },
      options: {
        indexAxis: 'y',
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Posts' } } },
      },
    };
  }

  protected override pngDownload(): PngDownload {
    return { fileName: 'jobquality-network-split.png', title: 'Network split: posts per network' };
  }

  override render() {
    const rows = this.networks;
    if (!rows) return nothing;
    return this.renderChartPanel({
      titleId: 'networks-title',
      heading: 'Network split',
      canvasLabel: 'Bar chart of posts per network; the numbers are in the data table below.',
      notes: html`<p class="note">Posts carrying a tracked hashtag created in the period, per network; the table adds contributors, engagements and impressions (X only).</p>`,
      table: {
        label: 'Numbers per network: data table',
        caption: 'Numbers per network',
        head: html`<tr><th scope="col">Network</th><th scope="col">Posts</th><th scope="col">Contributors</th><th scope="col">Engagements</th><th scope="col">Impressions</th></tr>`,
        rows: rows.map(
          (row) => html`<tr>
            <th scope="row">${this.registry.label(row.network)}</th>
            <td>${formatCount(row.posts)}</td>
            <td>${formatCount(row.contributors)}</td>
            <td>${formatCount(row.engagements)}</td>
            <td>${formatCount(row.impressions)}</td>
          </tr>`,
        ),
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-network-chart': JqNetworkChart;
  }
}
