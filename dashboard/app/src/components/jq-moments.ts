// Campaign moments (`/api/moments`: launches, newsletters, webinars, press, from the content file)
// with each one's lift: posts, engagements and new contributors in the 48 hours after it against
// the same hours of earlier collected weeks, or the honest reason there is no figure yet.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatCount, formatDateTime } from '../internal/format.js';
import { NO_NETWORKS, type NetworkRegistry } from '../internal/networks.js';
import { panelStyles, postListStyles, tableStyles } from '../internal/shared-styles.js';
import type { AlertMetric, MetricLift, Moment, MomentsResponse } from '../api/api-types.js';

const METRICS: ReadonlyArray<[AlertMetric, string]> = [
  ['posts', 'Posts'],
  ['engagements', 'Engagements'],
  ['new_contributors', 'New contributors'],
];

/** "+12 (+40%)", "−3 (−10%)", or the lift alone when the usual was 0 (no percentage of nothing). */
function liftText(lift: MetricLift): string {
  const sign = (value: number) => (value >= 0 ? `+${formatCount(value)}` : `−${formatCount(Math.abs(value))}`);
  return lift.liftPercent === null ? sign(lift.lift) : `${sign(lift.lift)} (${lift.liftPercent >= 0 ? '+' : '−'}${Math.abs(lift.liftPercent)}%)`;
}

/** List of campaign moments with their 48-hour lift; `moments` null while loading, `error` when they could not be loaded. */
@customElement('jq-moments')
export class JqMoments extends LitElement {
  static override styles = [
    panelStyles,
    postListStyles,
    tableStyles,
    css`
      h3 {
        font-size: 0.95rem;
        margin: 0;
      }
      .verdict {
        margin: 0.3rem 0 0;
        font-size: 0.88rem;
      }
      table {
        margin-top: 0.35rem;
      }
    `,
  ];

  /** The `/api/moments` answer, or null while it loads. */
  @property({ attribute: false }) moments: MomentsResponse | null = null;

  /** Why the moments could not be loaded, or null. */
  @property({ attribute: false }) error: string | null = null;

  /** The networks the server collects from: their labels. */
  @property({ attribute: false }) registry: NetworkRegistry = NO_NETWORKS;

  /** Report time zone, for the moments' times. */
  @property() timeZone = 'UTC';

  private _renderLift(moment: Moment) {
    const lift = moment.lift;
    if (lift.status === 'measuring') return html`<p class="verdict" data-lift="measuring">Still being measured: ${lift.reason}.</p>`;
    if (lift.status === 'too_little_data') return html`<p class="verdict" data-lift="too_little_data">Too little data: ${lift.reason}.</p>`;
    return html`<table data-lift="measured">
      <caption>
        48 hours after, against the same hours of ${lift.baselineWeeks} collected weeks before
      </caption>
      <thead>
        <tr><th scope="col">Measure</th><th scope="col">After</th><th scope="col">Usual</th><th scope="col">Lift</th></tr>
      </thead>
      <tbody>
        ${METRICS.map(([metric, label]) => {
          const one = lift.metrics[metric];
          return html`<tr data-metric=${metric}><th scope="row">${label}</th><td>${formatCount(one.after)}</td><td>${formatCount(one.usual)}</td><td>${liftText(one)}</td></tr>`;
        })}
      </tbody>
    </table>`;
  }

  private _renderBody() {
    if (this.error !== null) return html`<p class="problem" role="alert">Could not load the moments: ${this.error}</p>`;
    const answer = this.moments;
    if (answer === null) return html`<p role="status">Loading moments…</p>`;
    if (answer.moments.length === 0) {
      return html`<p class="empty">
        ${answer.contentFileLoaded ? 'No moments recorded yet.' : 'No campaign content file is loaded, so no moments are recorded.'} Moments are listed in the
        content file's <code>moments:</code> list (when, what, which network).
      </p>`;
    }
    return html`<ol class="posts">
      ${answer.moments.map(
        (moment) => html`<li data-status=${moment.lift.status}>
          <h3>${moment.what}</h3>
          <div class="byline">
            <time datetime=${moment.at}>${formatDateTime(moment.at, this.timeZone)}</time>
            <span class="badge">${moment.network === 'all' ? 'All networks' : this.registry.label(moment.network)}</span>
          </div>
          ${this._renderLift(moment)}
        </li>`,
      )}
    </ol>`;
  }

  override render() {
    return html`<section class="panel" aria-labelledby="moments-title">
      <div class="panel-head"><h2 id="moments-title">Campaign moments</h2></div>
      <p class="note">Marked on the time charts as dashed lines. A lift needs the 48 hours after the moment and at least two earlier weeks collected in full.</p>
      ${this._renderBody()}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-moments': JqMoments;
  }
}
