// The headline numbers of a period (posts, contributors, engagements, impressions, potential
// reach, engagement rate), each with its change against the period just before.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { KpiDefinition, Kpis, SummaryResponse } from '../api/api-types.js';
import { describeKpiChange, formatCount, formatKpi, type Change } from '../internal/format.js';
import { bareListStyles, panelStyles } from '../internal/shared-styles.js';

interface Card {
  definition: KpiDefinition;
  value: number | null;
  change: Change;
  detail: string;
}

/** What a card says under its number: the catalogue's summary, with what this view adds. */
function detailOf(definition: KpiDefinition, current: Kpis): string {
  switch (definition.id) {
    case 'posts':
      return `${formatCount(current.posts.original)} original · ${formatCount(current.posts.reply)} replies · ${formatCount(current.posts.quote)} quotes · ${formatCount(current.posts.repost)} reposts`;
    case 'impressions':
      return current.impressionsCoverage === 'none'
        ? 'No network in this view reports impressions.'
        : current.impressionsCoverage === 'partial'
          ? 'Reported by X only; Bluesky and Mastodon report none.'
          : 'As reported by X.';
    case 'engagementRate':
      return current.engagementRate === null ? 'Needs impressions, which no post in this view reports.' : definition.summary;
    default:
      return definition.summary;
  }
}

/** The value of a KPI in a set (posts: their total). */
function valueOf(kpis: Kpis, definition: KpiDefinition): number | null {
  return definition.id === 'posts' ? kpis.posts.total : kpis[definition.id];
}

function cardsOf(summary: SummaryResponse): Card[] {
  return summary.definitions.kpis.map((definition) => {
    const value = valueOf(summary.current, definition);
    const previous = summary.previous ? valueOf(summary.previous, definition) : null;
    return { definition, value, change: describeKpiChange(definition, value, previous, summary.comparison), detail: detailOf(definition, summary.current) };
  });
}

const ARROWS: Record<Change['direction'], string> = { up: '▲', down: '▼', same: '＝', new: '▲', none: '', 'no-data': '' };

/** Kebab-case `data-kpi` names (stable for tools and tests): potentialReach → potential-reach. */
const kebab = (id: string) => id.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * KPI cards for the current period with the change against the previous one. Each card carries
 * `data-kpi` and `data-value` (the raw number, empty for n/a).
 */
@customElement('jq-kpi-cards')
export class JqKpiCards extends LitElement {
  static override styles = [
    panelStyles,
    bareListStyles,
    css`
      ul {
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
      .change.none,
      .change.no-data {
        color: var(--jq-muted);
      }
      .period {
        margin: 0 0 0.6rem;
        font-size: 0.85rem;
        color: var(--jq-muted);
      }
      .period.partial {
        color: var(--jq-text);
      }
      details.definitions {
        margin-top: 0.6rem;
        font-size: 0.85rem;
      }
      details.definitions dt {
        font-weight: 600;
        margin-top: 0.35rem;
      }
      details.definitions dd {
        margin: 0;
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

  /** One line on what the numbers cover: "so far", and how much of the period was collected. */
  private _renderPeriod(summary: SummaryResponse) {
    const { comparison } = summary;
    const current = comparison.current.coverage;
    const parts: string[] = [];
    if (comparison.soFar) parts.push(`So far: this period is still running, and is compared with the same part of the ${this.comparedWith}.`);
    if (current.status === 'partial') parts.push(`Only part of this period was collected (${Math.round(current.collectedShare * 100)}% of its time so far); the numbers cover that part.`);
    if (current.status === 'none') parts.push('Nothing of this period was collected.');
    if (current.neverCollected.length > 0) parts.push(`Never collected in this view: ${current.neverCollected.join(', ')}.`);
    if (parts.length === 0) return nothing;
    return html`<p class="period ${current.status === 'complete' ? '' : 'partial'}" data-period=${comparison.soFar ? 'so-far' : current.status}>${parts.join(' ')}</p>`;
  }

  override render() {
    const summary = this.summary;
    if (!summary) return nothing;
    const vs = summary.comparison.soFar ? `${this.comparedWith}, same time` : this.comparedWith;
    return html`${this._renderPeriod(summary)}
      <ul aria-label="Key numbers for this period">
        ${cardsOf(summary).map((card) => {
          const compared = card.change.direction !== 'no-data' && card.change.direction !== 'none';
          return html`<li data-kpi=${kebab(card.definition.id)} data-value=${card.value === null ? '' : String(card.value)} data-change=${card.change.direction}>
            <p class="label">${card.definition.label}${summary.comparison.soFar ? html` <span class="so-far">(so far)</span>` : nothing}</p>
            <p class="value ${card.value === null ? 'na' : ''}">${formatKpi(card.definition, card.value)}</p>
            <p class="change ${card.change.direction}">
              <span aria-hidden="true">${ARROWS[card.change.direction]} ${card.change.text}</span>
              ${compared ? html`<span aria-hidden="true" class="vs">vs ${vs}</span>` : nothing}
              <span class="visually-hidden">${card.change.words}${compared ? ` compared with the ${vs}` : ''}</span>
            </p>
            <p class="detail">${card.detail}</p>
          </li>`;
        })}
      </ul>
      <details class="definitions">
        <summary>What these numbers count</summary>
        <dl>
          ${summary.definitions.kpis.map((definition) => html`<div><dt>${definition.label}</dt><dd>${definition.definition}</dd></div>`)}
        </dl>
      </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-kpi-cards': JqKpiCards;
  }
}
