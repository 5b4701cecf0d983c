// Base class of the chart components: owns the chart.js instance behind the component's <canvas>
// (created on first render, updated in place on new data, destroyed when the element leaves the
// page), marks the host with the number of points drawn, and offers a PNG download.
import type { ChartConfiguration, ChartType, Plugin } from 'chart.js';
import { LitElement, type PropertyValues } from 'lit';
import { Chart, whiteBackground } from './chart-setup.js';

export abstract class ChartElement<TType extends ChartType> extends LitElement {
  private _chart: Chart<TType> | null = null;

  /** The chart for the current data: called after every render that has a <canvas>. */
  protected abstract chartConfig(): ChartConfiguration<TType>;

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after being removed: the chart was destroyed, draw it again.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._destroyChart();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const canvas = this.renderRoot.querySelector('canvas');
    if (!canvas) {
      this._destroyChart();
      return;
    }
    const config = this.chartConfig();
    if (this._chart && this._chart.canvas === canvas) {
      this._chart.data = config.data;
      if (config.options) this._chart.options = config.options;
      this._chart.update();
      return;
    }
    this._destroyChart();
    this._chart = new Chart<TType>(canvas, { ...config, plugins: [...(config.plugins ?? []), whiteBackground<TType>(), this._pointsMarker()] });
  }

  /** Downloads the chart as it is drawn now as a PNG file. */
  protected downloadPng(fileName: string): void {
    if (!this._chart) return;
    const link = document.createElement('a');
    link.href = this._chart.toBase64Image('image/png', 1);
    link.download = fileName;
    link.hidden = true;
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
  }

  // `data-points` on the host says how many points (x-axis buckets) were actually drawn: the chart
  // itself is a bitmap, so this is how tests and tools can check what it shows.
  private _pointsMarker(): Plugin<TType> {
    return {
      id: 'jqPointsMarker',
      afterRender: (chart) => {
        this.dataset['points'] = String(chart.data.labels?.length ?? 0);
      },
    };
  }

  private _destroyChart(): void {
    this._chart?.destroy();
    this._chart = null;
    delete this.dataset['points'];
  }
}
