// Base class of the chart components: owns the chart.js instance behind the component's <canvas>
// (created on first render, updated in place on new data, destroyed when the element leaves the
// page), marks the host with the number of points drawn, draws campaign moments as vertical lines
// on time charts, offers a PNG download that carries its title, range and hashtags, turns a click
// on a bucket into a `jq-bucket-select` event, and draws the panel every chart shares (title and
// download, canvas, notes, and the numbers as a data table).
import type { ChartConfiguration, ChartType, Plugin } from 'chart.js';
import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { Chart, whiteBackground } from './chart-setup.js';
import type { BucketStatus } from '../api/api-types.js';
import { dataTable, type DataTable } from './data-table.js';
import { bucketSelectEvent, type BucketSelectDetail } from './events.js';
import { BUCKET_STATUS_LABELS } from './format.js';
import { momentMarkers, placeMarks, type MomentMark, type PlacedMark } from './moment-markers.js';
import { captionedCanvas, dataUrlBytes, pngDataUrl, withTextChunks, type ChartCaption } from './png-caption.js';

/** What a chart panel shows around its canvas. */
export interface ChartPanel {
  /** Stable id of the title, e.g. "posts-title". */
  titleId: string;
  heading: string;
  /** What the canvas draws, for screen readers (the numbers are in the table). */
  canvasLabel: string;
  /** Definitions and notes under the chart. */
  notes: TemplateResult;
  table: DataTable;
}

/** A PNG download: file name, the title drawn on it, and notes under the caption. */
export interface PngDownload {
  fileName: string;
  title: string;
  notes?: string[];
}

/** The performance mark of the first time chart drawn with data on the page (the first-chart benchmark reads it). */
export const FIRST_CHART_MARK = 'jq:first-chart';

export abstract class ChartElement<TType extends ChartType> extends LitElement {
  private _chart: Chart<TType> | null = null;

  /** The view's range and hashtags, written on downloaded PNGs (with the chart's title). */
  @property({ attribute: false }) caption: Omit<ChartCaption, 'title'> | null = null;

  /** Campaign moments, marked where they fall among the chart's buckets (charts without buckets mark none). */
  @property({ attribute: false }) moments: readonly MomentMark[] = [];

  /** The bucket behind x-axis position `index`, for "list this bucket's posts"; null where a chart has no buckets. */
  protected bucketAt(_index: number): BucketSelectDetail | null {
    return null;
  }

  /** The moments placed among the buckets drawn now. */
  private _placedMoments(): PlacedMark[] {
    if (this.moments.length === 0) return [];
    const buckets: BucketSelectDetail[] = [];
    for (let index = 0, bucket = this.bucketAt(0); bucket; bucket = this.bucketAt(++index)) buckets.push(bucket);
    return placeMarks(this.moments, buckets);
  }

  /** Asks the page to list the posts of a bucket (from a chart click or a table button). */
  protected selectBucket(index: number): void {
    const bucket = this.bucketAt(index);
    if (bucket) this.dispatchEvent(bucketSelectEvent(bucket));
  }

  /** The chart for the current data: called after every render that has a <canvas>. */
  protected abstract chartConfig(): ChartConfiguration<TType>;

  /** What "Download PNG" saves. */
  protected abstract pngDownload(): PngDownload;

  /** The panel around the chart: title and PNG download, canvas, notes, and the numbers as a table. */
  protected renderChartPanel(panel: ChartPanel): TemplateResult {
    return html`<section class="panel" aria-labelledby=${panel.titleId}>
      <div class="panel-head">
        <h2 id=${panel.titleId}>${panel.heading}</h2>
        <button type="button" @click=${this._onDownload}>Download PNG</button>
      </div>
      <div class="canvas-box">
        <canvas role="img" aria-label=${panel.canvasLabel}></canvas>
      </div>
      ${panel.notes}
      <details>
        <summary>Data table</summary>
        ${dataTable(panel.table)}
      </details>
    </section>`;
  }

  /** A bucket row's heading and collection state cells. */
  protected bucketCells(label: string, status: BucketStatus): TemplateResult {
    return html`<th scope="row">${label}</th>
      <td>${BUCKET_STATUS_LABELS[status]}</td>`;
  }

  /** A bucket row's "Posts" button, the keyboard way to list the bucket's posts. */
  protected postsButtonCell(index: number, label: string): TemplateResult {
    return html`<td><button type="button" class="link" aria-label="List posts of ${label}" @click=${() => this.selectBucket(index)}>Posts</button></td>`;
  }

  private _onDownload() {
    const download = this.pngDownload();
    this._downloadPng(download.fileName, download.title, download.notes);
  }

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
      this._chart.options = this._withClick(config.options);
      this._chart.update();
      return;
    }
    this._destroyChart();
    this._chart = new Chart<TType>(canvas, { ...config, options: this._withClick(config.options), plugins: [...(config.plugins ?? []), whiteBackground<TType>(), momentMarkers<TType>(() => this._placedMoments()), this._pointsMarker()] });
  }

  /** Downloads the chart as it is drawn now as a PNG file headed by `title`, the view's range and hashtags. */
  private _downloadPng(fileName: string, title: string, notes: string[] = []): void {
    if (!this._chart) return;
    const caption: ChartCaption = { title, range: this.caption?.range ?? '', hashtags: this.caption?.hashtags ?? [], notes: [...(this.caption?.notes ?? []), ...notes] };
    const image = captionedCanvas(this._chart.canvas, caption).toDataURL('image/png');
    const link = document.createElement('a');
    link.href = pngDataUrl(withTextChunks(dataUrlBytes(image), caption));
    link.download = fileName;
    link.hidden = true;
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
  }

  /** The chart's options with a click handler that selects the clicked bucket. */
  private _withClick(options: ChartConfiguration<TType>['options']): NonNullable<ChartConfiguration<TType>['options']> {
    return {
      ...options,
      onClick: (_event: unknown, elements: Array<{ index: number }>) => {
        const first = elements[0];
        if (first) this.selectBucket(first.index);
      },
    } as NonNullable<ChartConfiguration<TType>['options']>;
  }

  // `data-points` on the host says how many points (x-axis buckets) were actually drawn: the chart
  // itself is a bitmap, so this is how tests and tools can check what it shows.
  private _pointsMarker(): Plugin<TType> {
    return {
      id: 'jqPointsMarker',
      afterRender: (chart) => {
        this.dataset['points'] = String(chart.data.labels?.length ?? 0);
        this._markFirstTimeChart(chart.data.labels?.length ?? 0);
        this.dataset['moments'] = String(this._placedMoments().length);
        // The legend as drawn (series names in order), where the chart shows one.
        const legend = chart.legend?.legendItems?.map((item) => item.text) ?? [];
        if (legend.length > 0) this.dataset['legend'] = legend.join('|');
        else delete this.dataset['legend'];
        // How many value axes are drawn: never more than one (two y-axes mislead).
        this.dataset['valueAxes'] = String(Object.values(chart.scales).filter((scale) => scale.axis !== (chart.options?.indexAxis === 'y' ? 'y' : 'x')).length);
      },
    };
  }

  /** Marks the page's timeline the first time a chart with buckets (a time chart) is drawn with some. */
  private _markFirstTimeChart(points: number): void {
    if (points === 0 || this.bucketAt(0) === null || performance.getEntriesByName(FIRST_CHART_MARK).length > 0) return;
    performance.mark(FIRST_CHART_MARK, { detail: { chart: this.dataset['chart'] ?? this.localName } });
  }

  private _destroyChart(): void {
    this._chart?.destroy();
    this._chart = null;
    delete this.dataset['points'];
    delete this.dataset['valueAxes'];
    delete this.dataset['moments'];
    delete this.dataset['legend'];
  }
}
