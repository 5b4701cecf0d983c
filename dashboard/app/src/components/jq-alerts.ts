// The alerts of the view's dates (`/api/alerts`): each unusual hour says what moved and by how much
// against the usual for that hour of the week, which posts and people drove it, whether the
// campaign's ready-made posts were among them, and whether the alert was sent. Post text and
// handles come from strangers: always rendered as text.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatCount, formatDateTime } from '../internal/format.js';
import { NO_NETWORKS, type NetworkRegistry } from '../internal/networks.js';
import { safeHttpUrl } from '../../../../core/html-text.js';
import { panelStyles, postListStyles } from '../internal/shared-styles.js';
import type { Alert, AlertMetric } from '../api/api-types.js';

const METRIC_LABELS: Record<AlertMetric, string> = { posts: 'posts', engagements: 'engagements', new_contributors: 'new contributors' };

/** "+900%", "−40%", or "from none usually" when the usual hour has nothing. */
function changeText(value: number, usual: number): string {
  if (usual === 0) return 'from none usually';
  const change = Math.round(((value - usual) / usual) * 100);
  return change >= 0 ? `+${change}%` : `−${Math.abs(change)}%`;
}

/** List of alerts, newest hour first; `alerts` null while loading, `error` when they could not be loaded. */
@customElement('jq-alerts')
export class JqAlerts extends LitElement {
  static override styles = [
    panelStyles,
    postListStyles,
    css`
      h3 {
        font-size: 0.98rem;
        margin: 0;
      }
      h4 {
        font-size: 0.85rem;
        margin: 0.6rem 0 0.2rem;
      }
      .alert.surge h3 {
        color: var(--jq-up);
      }
      .alert.stop h3 {
        color: var(--jq-down);
      }
      .figures,
      .delivery,
      .ready-made {
        margin: 0.25rem 0 0;
        font-size: 0.88rem;
      }
      .delivery {
        color: var(--jq-muted);
      }
      ul.people {
        margin: 0;
        padding-left: 1.1rem;
        font-size: 0.85rem;
      }
    `,
  ];

  /** The `/api/alerts` list, or null while it loads. */
  @property({ attribute: false }) alerts: Alert[] | null = null;

  /** Why the alerts could not be loaded, or null. */
  @property({ attribute: false }) error: string | null = null;

  /** The networks the server collects from: their labels. */
  @property({ attribute: false }) registry: NetworkRegistry = NO_NETWORKS;

  /** Report time zone, for the hours. */
  @property() timeZone = 'UTC';

  private _renderDelivery(alert: Alert) {
    switch (alert.delivery) {
      case 'delivered':
        return html`Sent ${alert.deliveredAt ? formatDateTime(alert.deliveredAt, this.timeZone) : ''}`;
      case 'pending':
        return html`Not sent yet (waiting for quiet hours to end or for the next delivery)`;
      case 'over_daily_cap':
        return html`Not sent: the day's limit of alerts had been reached (listed here only)`;
    }
  }

  private _renderDrivers(alert: Alert) {
    const { topPosts, topContributors } = alert.drivers;
    return html`${topPosts.length > 0
        ? html`<h4>Posts that drove it</h4>
            <ul class="posts">
              ${topPosts.map((post) => {
                const url = safeHttpUrl(post.url);
                return html`<li>
                  <div class="byline">
                    <span class="author">@${post.author}</span>
                    <span class="badge">${this.registry.label(post.network)}</span>
                    ${post.readyMade ? html`<span class="badge ready">Ready-made post</span>` : nothing}
                    <span>${formatCount(post.engagements)} engagements</span>
                    ${url ? html`<a href=${url} target="_blank" rel="noopener noreferrer">Open the original</a>` : nothing}
                  </div>
                  <p class="text">${post.text}</p>
                </li>`;
              })}
            </ul>`
        : nothing}
      ${topContributors.length > 0
        ? html`<h4>People who drove it</h4>
            <ul class="people">
              ${topContributors.map(
                (person) =>
                  html`<li>@${person.username} (${this.registry.label(person.network)}): ${formatCount(person.posts)} posts, ${formatCount(person.engagements)} engagements</li>`,
              )}
            </ul>`
        : nothing}`;
  }

  private _renderAlert(alert: Alert) {
    const what = METRIC_LABELS[alert.metric];
    const readyMade = alert.drivers.readyMadePosts;
    return html`<li class="alert ${alert.direction}" data-metric=${alert.metric} data-direction=${alert.direction} data-delivery=${alert.delivery}>
      <h3>${alert.direction === 'surge' ? 'Surge' : 'Sudden stop'} in ${what}</h3>
      <p class="figures">
        <time datetime=${alert.hourStart}>${formatDateTime(alert.hourStart, this.timeZone)}</time>: ${formatCount(alert.value)} ${what} in the hour, against a usual
        ${formatCount(alert.baselineMedian)} (${changeText(alert.value, alert.baselineMedian)}; median of the same hour of the week in ${alert.baselineWeeks} collected weeks).
      </p>
      <p class="ready-made">
        ${readyMade > 0
          ? `${formatCount(readyMade)} post${readyMade === 1 ? '' : 's'} in the hour used the campaign's ready-made posts.`
          : "No post in the hour used the campaign's ready-made posts."}
      </p>
      ${this._renderDrivers(alert)}
      <p class="delivery">${this._renderDelivery(alert)}</p>
    </li>`;
  }

  private _renderBody() {
    if (this.error !== null) return html`<p class="problem" role="alert">Could not load the alerts: ${this.error}</p>`;
    if (this.alerts === null) return html`<p role="status">Loading alerts…</p>`;
    if (this.alerts.length === 0) return html`<p class="empty">No unusual hour in this period.</p>`;
    return html`<ol class="posts">
      ${this.alerts.map((alert) => this._renderAlert(alert))}
    </ol>`;
  }

  override render() {
    return html`<section class="panel" aria-labelledby="alerts-title">
      <div class="panel-head"><h2 id="alerts-title">Alerts</h2></div>
      <p class="note">
        Hours with unusually many (or suddenly few) posts, engagements or new contributors, against the same hour of the week in earlier collected weeks. Quiet
        hashtags need a minimum volume before an hour counts as unusual.
      </p>
      ${this._renderBody()}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-alerts': JqAlerts;
  }
}
