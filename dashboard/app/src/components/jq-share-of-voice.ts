// Share of voice (`/api/share-of-voice`): the campaign's share of posts, people and engagements
// against one comparator hashtag per day or week, on one percentage axis, with gaps where either
// side was not collected, partial buckets dashed, the range's total, a data table and downloads.
import type { ChartConfiguration } from 'chart.js';
import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ChartElement, type PngDownload } from '../internal/chart-element.js';
import { BUCKET_STATUS_LABELS, formatBucket, formatCount } from '../internal/format.js';
import { chartPanelStyles } from '../internal/shared-styles.js';
import type { ComparatorVoice, ShareOfVoiceResponse, SovFigures } from '../api/api-types.js';

type Measure = 'posts' | 'people' | 'engagements';

const MEASURES: ReadonlyArray<{ measure: Measure; label: string; color: string; pointStyle: 'circle' | 'rectRot' | 'triangle' }> = [
  { measure: 'posts', label: 'Posts', color: '#1f5fa8', pointStyle: 'circle' },
  { measure: 'people', label: 'People', color: '#b3541e', pointStyle: 'rectRot' },
  { measure: 'engagements', label: 'Engagements', color: '#2e7d4f', pointStyle: 'triangle' },
];

/** "57%", or "–" where there is no share (nothing on either side, or not collected). */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${Math.round(value * 100)}%`;
}

const isPartial = (status: string) => status === 'partial' || status === 'in_progress';

/**
 * Line chart of the campaign's share against a comparator hashtag. `answer` null while loading,
 * `error` when it could not be loaded. The host carries `data-points` (buckets drawn).
 */
@customElement('jq-share-of-voice')
export class JqShareOfVoice extends ChartElement<'line'> {
  static override styles = [
    chartPanelStyles,
    css`
      .total {
        margin: 0.4rem 0;
      }
    `,
  ];

  /** The `/api/share-of-voice` answer, or null while it loads. */
  @property({ attribute: false }) answer: ShareOfVoiceResponse | null = null;

  /** Why the answer could not be loaded, or null. */
  @property({ attribute: false }) error: string | null = null;

  /** Link to the CSV of the same view. */
  @property() csvUrl = '';

  /** Link to the same as an Excel workbook. */
  @property() xlsxUrl = '';

  /** Report time zone, for the bucket labels. */
  @property() timeZone = 'UTC';

  /** The comparator shown when several are configured. */
  @state() private _tag: string | null = null;

  private get _voice(): ComparatorVoice | null {
    const voices = this.answer?.voices ?? [];
    return voices.find((voice) => voice.tag === this._tag) ?? voices[0] ?? null;
  }

  private _labels(voice: ComparatorVoice): string[] {
    const interval = this.answer?.interval ?? 'day';
    return voice.points.map((point) => {
      const label = formatBucket(point.start, interval, this.timeZone);
      return point.status === 'complete' ? label : `${label} (${BUCKET_STATUS_LABELS[point.status]})`;
    });
  }

  protected override chartConfig(): ChartConfiguration<'line'> {
    const voice = this._voice;
    const points = voice?.points ?? [];
    return {
      type: 'line',
      data: {
        labels: voice ? this._labels(voice) : [],
        datasets: MEASURES.map(({ measure, label, color, pointStyle }) => ({
          label: `Share of ${label.toLowerCase()}`,
          data: points.map((point) => (point.figures?.share[measure] ?? null) === null ? null : Math.round(point.figures!.share[measure]! * 1000) / 10),
          borderColor: color,
          backgroundColor: color,
          pointStyle,
          pointRadius: points.map((point) => (isPartial(point.status) ? 5 : 3)),
          pointBackgroundColor: points.map((point) => (isPartial(point.status) ? '#ffffff' : color)),
          borderWidth: 2,
          spanGaps: false,
          segment: { borderDash: (ctx) => (isPartial(points[ctx.p0DataIndex]?.status ?? '') || isPartial(points[ctx.p1DataIndex]?.status ?? '') ? [5, 4] : undefined) },
        })),
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } },
        scales: {
          y: { min: 0, max: 100, ticks: { callback: (value) => `${value}%` }, title: { display: true, text: "Campaign's share (%)" } },
          x: { ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 12 } },
        },
      },
    };
  }

  private _onTag(event: Event) {
    this._tag = (event.target as HTMLSelectElement).value;
  }

  protected override pngDownload(): PngDownload {
    const tag = this._voice?.tag ?? '';
    return { fileName: `jobquality-share-of-voice-${tag}.png`, title: `Share of voice against #${tag}` };
  }

  private _totalLine(voice: ComparatorVoice) {
    const total: SovFigures | null = voice.total;
    if (!total) return html`<p class="total">#${voice.tag} has not been collected in this view yet.</p>`;
    return html`<p class="total" data-total>
      Over the collected ${this.answer?.interval === 'week' ? 'weeks' : 'days'}: <strong>${formatShare(total.share.posts)}</strong> of posts
      (${formatCount(total.campaign.posts)} against ${formatCount(total.comparator.posts)}), <strong>${formatShare(total.share.people)}</strong> of
      ${this.answer?.peopleAre === 'accounts' ? 'accounts' : 'people'}, <strong>${formatShare(total.share.engagements)}</strong> of engagements;
      ${formatCount(total.overlapPosts)} campaign posts also carried #${voice.tag}.
      ${voice.bucketsLeftOut > 0 ? html`${voice.bucketsLeftOut} not collected left out.` : nothing}
    </p>`;
  }

  private _notes(answer: ShareOfVoiceResponse, voice: ComparatorVoice) {
    return html`${answer.voices.length > 1
        ? html`<label>
            Against
            <select @change=${this._onTag}>
              ${answer.voices.map((entry) => html`<option value=${entry.tag} ?selected=${entry.tag === voice.tag}>#${entry.tag}</option>`)}
            </select>
          </label>`
        : nothing}
      ${this._totalLine(voice)}
      <p class="note">
        ${answer.definitions.map((definition) => html`<span>${definition.label}: ${definition.definition} </span>`)} Dashed, hollow points are partial buckets; a break is time
        not collected, not zero.
      </p>
      ${this.csvUrl ? html`<p><a href=${this.csvUrl} download>Download CSV</a>${this.xlsxUrl ? html` · <a href=${this.xlsxUrl} download>Download Excel</a>` : nothing}</p>` : nothing}`;
  }

  private _rows(voice: ComparatorVoice) {
    const labels = this._labels(voice);
    return voice.points.map((point, index) => {
      const figures = point.figures;
      return html`<tr data-status=${point.status}>
        <th scope="row">${labels[index]}</th>
        ${figures === null
          ? html`<td class="not-collected" colspan="5">not collected</td>`
          : html`<td>${formatCount(figures.campaign.posts)} / ${formatCount(figures.comparator.posts)}</td>
              <td>${formatShare(figures.share.posts)}</td>
              <td>${formatShare(figures.share.people)}</td>
              <td>${formatShare(figures.share.engagements)}</td>
              <td>${formatCount(figures.overlapPosts)}</td>`}
      </tr>`;
    });
  }

  /** A panel without a chart: loading, failed, or no comparator configured. */
  private _statePanel(body: TemplateResult) {
    return html`<section class="panel" aria-labelledby="sov-title">
      <div class="panel-head"><h2 id="sov-title">Share of voice</h2></div>
      ${body}
    </section>`;
  }

  override render() {
    if (this.error !== null) return this._statePanel(html`<p class="problem" role="alert">Could not load share of voice: ${this.error}</p>`);
    const answer = this.answer;
    if (answer === null) return this._statePanel(html`<p role="status">Loading share of voice…</p>`);
    const voice = this._voice;
    if (!voice) return this._statePanel(html`<p class="empty">No comparator hashtags are set: list them in COMPARE_HASHTAGS to see the campaign's share of the conversation.</p>`);
    const unit = answer.interval === 'week' ? 'Week' : 'Day';
    return this.renderChartPanel({
      titleId: 'sov-title',
      heading: 'Share of voice',
      canvasLabel: `Line chart of the campaign's share of posts, people and engagements against #${voice.tag} per ${answer.interval}; the numbers are in the data table below.`,
      notes: this._notes(answer, voice),
      table: {
        label: `Share of voice against #${voice.tag}: data table`,
        caption: `Campaign against #${voice.tag} per ${answer.interval}`,
        head: html`<tr>
          <th scope="col">${unit}</th>
          <th scope="col">Posts (campaign / #${voice.tag})</th>
          <th scope="col">Share of posts</th>
          <th scope="col">Share of people</th>
          <th scope="col">Share of engagements</th>
          <th scope="col">Overlap posts</th>
        </tr>`,
        rows: this._rows(voice),
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-share-of-voice': JqShareOfVoice;
  }
}
