// The accounts that carried the campaign in the view: most posts, most engagements or the
// largest audience (followers), as a table.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Contributor, ContributorsOrder } from '../api/api-types.js';
import { dataTable } from '../internal/data-table.js';
import { filtersChangeEvent } from '../internal/events.js';
import { formatCount } from '../internal/format.js';
import { NO_NETWORKS, type NetworkRegistry } from '../internal/networks.js';
import { orderPicker } from '../internal/order-picker.js';
import { controlStyles, panelStyles, peopleTableStyles, tableStyles } from '../internal/shared-styles.js';
import { CONTRIBUTORS_ORDERS } from '../state/filters.js';

const ORDER_LABELS: Record<ContributorsOrder, string> = {
  posts: 'Most posts',
  engagements: 'Most engagements',
  reach: 'Most followers',
};

/**
 * Table of top contributors with an order picker.
 * @fires jq-filters-change - the user picked another order (`contributorsBy`)
 */
@customElement('jq-top-contributors')
export class JqTopContributors extends LitElement {
  static override styles = [
    panelStyles,
    controlStyles,
    tableStyles,
    peopleTableStyles,
    css`
      .empty {
        color: var(--jq-muted);
      }
    `,
  ];

  /** The networks the server collects from: their labels and colours. */
  @property({ attribute: false }) registry: NetworkRegistry = NO_NETWORKS;

  /** The `/api/top-contributors` list, or null before data arrives. */
  @property({ attribute: false }) contributors: Contributor[] | null = null;

  /** The order the list is in. */
  @property() order: ContributorsOrder = 'posts';

  private _onOrder = (order: ContributorsOrder) => {
    this.dispatchEvent(filtersChangeEvent({ contributorsBy: order }));
  };

  override render() {
    const list = this.contributors;
    if (!list) return nothing;
    return html`<section class="panel" aria-labelledby="contributors-title">
      <div class="panel-head">
        <h2 id="contributors-title">Top contributors</h2>
        ${orderPicker(CONTRIBUTORS_ORDERS, ORDER_LABELS, this.order, this._onOrder)}
      </div>
      ${list.length === 0
        ? html`<p class="empty">No contributors in this view.</p>`
        : dataTable({
            label: 'Top contributors',
            caption: `Top contributors, ${ORDER_LABELS[this.order].toLowerCase()} first`,
            captionHidden: true,
            head: html`<tr>
              <th scope="col" class="who">Contributor</th>
              <th scope="col">Posts</th>
              <th scope="col">Engage&shy;ments</th>
              <th scope="col">Followers</th>
            </tr>`,
            rows: list.map(
              (person) => html`<tr>
                <th scope="row" class="who">
                  ${person.displayName || person.username}
                  <span class="handle">@${person.username} · ${this.registry.label(person.network)}</span>
                </th>
                <td>${formatCount(person.posts)}</td>
                <td>${formatCount(person.engagements)}</td>
                <td>${formatCount(person.followers)}</td>
              </tr>`,
            ),
          })}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-top-contributors': JqTopContributors;
  }
}
