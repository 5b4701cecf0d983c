// The most engaging (or most seen, or newest) posts of the view: author, network, time, the text
// exactly as posted (always as text: it comes from strangers), counts and a link to the original.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TopPost, TopPostsOrder, TopPostsResponse } from '../api/api-types.js';
import { filtersChangeEvent, showMorePostsEvent } from '../internal/events.js';
import { formatCount, formatDateTime } from '../internal/format.js';
import { NO_NETWORKS, type NetworkRegistry } from '../internal/networks.js';
import { orderPicker } from '../internal/order-picker.js';
import { safeHttpUrl } from '../../../../core/html-text.js';
import { controlStyles, panelStyles, postListStyles } from '../internal/shared-styles.js';
import { TOP_POSTS_ORDERS } from '../state/filters.js';

const ORDER_LABELS: Record<TopPostsOrder, string> = {
  engagements: 'Most engagements',
  impressions: 'Most impressions (X)',
  recent: 'Most recent',
};

const KIND_LABELS: Record<TopPost['kind'], string> = { original: 'Post', reply: 'Reply', quote: 'Quote', repost: 'Repost' };

/**
 * List of top posts with an order picker and "show more".
 * @fires jq-filters-change - the user picked another order (`topPostsBy`)
 * @fires jq-show-more-posts - the user asked for more posts
 */
@customElement('jq-top-posts')
export class JqTopPosts extends LitElement {
  static override styles = [
    panelStyles,
    controlStyles,
    postListStyles,
    css`
      .posts > li {
        padding: 0.75rem 0;
      }
      .text {
        margin-bottom: 0.4rem;
      }
      .counts {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.9rem;
        margin: 0;
        padding: 0;
        font-size: 0.82rem;
        color: var(--jq-muted);
        font-variant-numeric: tabular-nums;
      }
      .counts div {
        display: flex;
        gap: 0.25rem;
      }
      .counts dt::after {
        content: ':';
      }
      .counts dd {
        margin: 0;
        color: var(--jq-text);
      }
      .counts .total dd {
        font-weight: 700;
      }
      .more {
        margin-top: 0.5rem;
      }
    `,
  ];

  /** The networks the server collects from: their labels and colours. */
  @property({ attribute: false }) registry: NetworkRegistry = NO_NETWORKS;

  /** The `/api/top-posts` answer, or null before data arrives. */
  @property({ attribute: false }) posts: TopPostsResponse | null = null;

  /** The order the list is in. */
  @property() order: TopPostsOrder = 'engagements';

  /** Report time zone, for post times. */
  @property() timeZone = 'UTC';

  /** True while more posts are being fetched. */
  @property({ type: Boolean }) loadingMore = false;

  private _onOrder = (order: TopPostsOrder) => {
    this.dispatchEvent(filtersChangeEvent({ topPostsBy: order }));
  };

  /** Posts shown when "Show more" was pressed, to move focus to the first new one if the button goes away. */
  private _shownBeforeMore: number | null = null;

  private _onMore() {
    // The button stays enabled (aria-disabled) while loading: disabling it would drop keyboard focus to the page.
    if (this.loadingMore) return;
    this._shownBeforeMore = this.posts?.posts.length ?? null;
    this.dispatchEvent(showMorePostsEvent());
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (!changed.has('posts') || this._shownBeforeMore === null) return;
    const shown = this._shownBeforeMore;
    this._shownBeforeMore = null;
    const more = this.renderRoot.querySelector<HTMLButtonElement>('button.more');
    if (more) return;
    // Everything is shown and the button went away: continue at the first post that arrived.
    this.renderRoot.querySelectorAll<HTMLElement>('ol.posts > li a')[shown]?.focus();
  }

  private _renderPost(post: TopPost) {
    const url = safeHttpUrl(post.url);
    const time = formatDateTime(post.createdAt, this.timeZone);
    const m = post.metrics;
    const counts: Array<[string, number | null]> = [
      ['Likes', m.likes],
      ['Reposts', m.reposts],
      ['Replies', m.replies],
      ['Quotes', m.quotes],
    ];
    if (m.bookmarks !== null) counts.push(['Bookmarks', m.bookmarks]);
    counts.push(['Impressions', m.impressions]);
    // Post text is untrusted: it goes through Lit's text binding, which never parses it as HTML.
    return html`<li data-post-id=${post.id}>
      <div class="byline">
        <span class="author">${post.author.displayName || post.author.username}</span>
        <span>@${post.author.username}</span>
        <span class="badge">${this.registry.label(post.network)}</span>
        ${post.kind !== 'original' ? html`<span class="badge">${KIND_LABELS[post.kind]}</span>` : nothing}
        ${url
          ? html`<a href=${url} target="_blank" rel="noopener noreferrer"><time datetime=${post.createdAt}>${time}</time><span class="visually-hidden"> (open the original on ${this.registry.label(post.network)})</span></a>`
          : html`<time datetime=${post.createdAt}>${time}</time>`}
      </div>
      <p class="text">${post.text}</p>
      <dl class="counts">
        <div class="total"><dt>Engagements</dt><dd>${formatCount(post.engagements)}</dd></div>
        ${counts.map(([label, value]) => html`<div><dt>${label}</dt><dd>${formatCount(value)}</dd></div>`)}
      </dl>
    </li>`;
  }

  override render() {
    const page = this.posts;
    if (!page) return nothing;
    const more = page.total - page.posts.length;
    return html`<section class="panel" aria-labelledby="top-posts-title">
      <div class="panel-head">
        <h2 id="top-posts-title">Top posts</h2>
        ${orderPicker(TOP_POSTS_ORDERS, ORDER_LABELS, this.order, this._onOrder)}
      </div>
      ${page.posts.length === 0
        ? html`<p class="empty">${this.order === 'impressions' ? 'No post in this view reports impressions.' : 'No posts in this view.'}</p>`
        : html`<ol class="posts">
            ${page.posts.map((post) => this._renderPost(post))}
          </ol>`}
      ${more > 0 && page.posts.length < 100
        ? html`<button type="button" class="more" @click=${this._onMore} aria-disabled=${this.loadingMore ? 'true' : 'false'}>
            ${this.loadingMore ? 'Loading…' : `Show more (${formatCount(more)} not shown)`}
          </button>`
        : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-top-posts': JqTopPosts;
  }
}
