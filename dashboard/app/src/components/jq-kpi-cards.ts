// The headline numbers of a period (posts, contributors, engagements, impressions, potential
// reach, engagement rate), each with its change against the period just before.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Kpis, SummaryResponse } from '../api/api-types.js';
import { describeChange, formatCount, formatRate, type Change } from '../internal/format.js';
import { panelStyles } from '../internal/shared-styles.js';

interface Card {
  key: string;
  label: string;
  value: number | null;
  shown: string;
  change: Change;
  detail: string;
}

function cardsOf(current: Kpis, previous: Kpis): Card[] {
  const posts = current.posts;
  const impressionsDetail =
    current.impressionsCoverage === 'none'
      ? 'No network in this view reports impressions.'
      : current.impressionsCoverage === 'partial'
        ? 'Reported by X only; Bluesky and Mastodon report none.'
        : 'As reported by X.';
  return [
    {
      key: 'posts',
      label: 'Posts',
      value: posts.total,
      shown: formatCount(posts.total),
      change: describeChange(posts.total, previous.posts.total),
      detail: `${formatCount(posts.original)} original · ${formatCount(posts.reply)} replies · ${formatCount(posts.quote)} quotes · ${formatCount(posts.repost)} reposts`,
    },
    {
      key: 'contributors',
      label: 'Contributors',
      value: current.contributors,
      shown: formatCount(current.contributors),
      change: describeChange(current.contributors, previous.contributors),
      detail: 'Distinct accounts that posted.',
    },
    {
      key: 'engagements',
      label: 'Engagements',
      value: current.engagements,
      shown: formatCount(current.engagements),
      change: describeChange(current.engagements, previous.engagements),
      detail: 'Likes, reposts, replies and quotes (and bookmarks on X) on these posts.',
    },
    {
      key: 'impressions',
      label: 'Impressions',
      value: current.impressions,
      shown: formatCount(current.impressions),
      change: describeChange(current.impressions, previous.impressions),
      detail: impressionsDetail,
    },
    {
      key: 'potential-reach',
      label: 'Potential reach',
      value: current.potentialReach,
      shown: formatCount(current.potentialReach),
      change: describeChange(current.potentialReach, previous.potentialReach),
      detail: 'Upper bound: followers of all contributors added up.',
    },
    {
      key: 'engagement-rate',
      label: 'Engagement rate',
      value: current.engagementRate,
      shown: formatRate(current.engagementRate),
      change: describeChange(current.engagementRate, previous.engagementRate, 'rate'),
      detail: current.engagementRate === null ? 'Needs impressions, which no post in this view reports.' : 'Engagements ÷ impressions, over posts with impressions (ratio of totals).',
    },
  ];
}

const ARROWS: Record<Change['direction'], string> = { up: '▲', down: '▼', same: '＝', new: '▲', none: '' };

/**
 * KPI cards for the current period with the change against the previous one. Each card carries
 * `data-kpi` and `data-value` (the raw number, empty for n/a).
 */
@customElement('jq-kpi-cards')
export class JqKpiCards extends LitElement {
  static override styles = [
    panelStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
        gap: 0.75rem;
      }
      li {
        background: var(--jq-card);
        border: 1px solid var(--jq-border);
        border-radius: 10px;
        padding: 0.8rem 0.9rem;
      }
      .label {
        margin: 0;
        font-size: 0.85rem;
        font-weight: 600;
        color: var(--jq-muted);
      }
      .value {
        margin: 0.15rem 0;
        font-size: 1.7rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .value.na {
        color: var(--jq-muted);
      }
      .change {
        margin: 0;
        font-size: 0.85rem;
        font-weight: 600;
      }
      .change.up,
      .change.new {
        color: var(--jq-up);
      }
      .change.down {
        color: var(--jq-down);
      }
      .change.same,
      .change.none {
        color: var(--jq-muted);
      }
      .detail {
        margin: 0.35rem 0 0;
        font-size: 0.78rem;
        color: var(--jq-muted);
      }
    `,
  ];

  /** The `/api/summary` answer to show. */
  @property({ attribute: false }) summary: SummaryResponse | null = null;

  /** How the previous period is named in the comparison, e.g. "previous 7 days". */
  @property({ attribute: false }) comparedWith = 'previous period';

  override render() {
    if (!this.summary) return nothing;
    return html`<ul aria-label="Key numbers for this period">
      ${cardsOf(this.summary.current, this.summary.previous).map(
        (card) => html`<li data-kpi=${card.key} data-value=${card.value === null ? '' : String(card.value)}>
          <p class="label">${card.label}</p>
          <p class="value ${card.value === null ? 'na' : ''}">${card.shown}</p>
          <p class="change ${card.change.direction}">
            <span aria-hidden="true">${ARROWS[card.change.direction]} ${card.change.text}</span>
            <span aria-hidden="true" class="vs">vs ${this.comparedWith}</span>
            <span class="visually-hidden">${card.change.words} compared with the ${this.comparedWith}</span>
          </p>
          <p class="detail">${card.detail}</p>
        </li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-kpi-cards': JqKpiCards;
  }
}
