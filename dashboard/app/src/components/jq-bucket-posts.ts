// The posts behind one chart bucket (a clicked point or bar, or a table row's "Posts" button):
// newest first, text as text, each linked to the original. Takes focus when it opens so keyboard
// and screen-reader users hear what they asked for; "Close" returns them to the charts.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TopPostsResponse } from '../api/api-types.js';
import { formatCount, formatDateTime } from '../internal/format.js';
import { NO_NETWORKS, type NetworkRegistry } from '../internal/networks.js';
import { safeHttpUrl } from '../../../../core/html-text.js';
import { controlStyles, panelStyles, postListStyles } from '../internal/shared-styles.js';

/**
 * The list of one bucket's posts.
 * @fires jq-bucket-close - the user closed the list
 */
@customElement('jq-bucket-posts')
export class JqBucketPosts extends LitElement {
  static override styles = [
    panelStyles,
    controlStyles,
    postListStyles,
    css`
      h2:focus {
        outline: 2px solid var(--jq-link);
        outline-offset: 2px;
      }
    `,
  ];

  /** The networks the server collects from: their labels and colours. */
  @property({ attribute: false }) registry: NetworkRegistry = NO_NETWORKS;

  /** The bucket as labelled on the chart, e.g. "Wed, Nov 4 (so far)". */
  @property() label = '';

  /** The bucket's start and end (ISO), carried as `data-from`/`data-to` on the panel. */
  @property() from = '';
  @property() to = '';

  /** The bucket's posts (newest first), or null while they load. */
  @property({ attribute: false }) posts: TopPostsResponse | null = null;

  /** Report time zone, for post times. */
  @property() timeZone = 'UTC';

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('label') && this.label) this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  private _onClose() {
    this.dispatchEvent(new CustomEvent('jq-bucket-close', { bubbles: true, composed: true }));
  }

  override render() {
    if (!this.label) return nothing;
    const page = this.posts;
    return html`<section class="panel" aria-labelledby="bucket-title" data-from=${this.from} data-to=${this.to} data-state=${page ? 'ready' : 'loading'}>
      <div class="panel-head">
        <h2 id="bucket-title" tabindex="-1">Posts of ${this.label}</h2>
        <button type="button" @click=${this._onClose}>Close</button>
      </div>
      ${!page
        ? html`<p role="status">Loading posts…</p>`
        : page.posts.length === 0
          ? html`<p class="note">No posts in this ${this.label.includes('(not collected)') ? 'uncollected bucket' : 'bucket'}.</p>`
          : html`<p class="note">${formatCount(page.total)} post${page.total === 1 ? '' : 's'}${page.total > page.posts.length ? `, the newest ${page.posts.length} shown` : ''}.</p>
              <ol class="posts">
                ${page.posts.map((post) => {
                  const url = safeHttpUrl(post.url);
                  const time = formatDateTime(post.createdAt, this.timeZone);
                  return html`<li data-post-id=${post.id}>
                    <div class="byline">
                      <strong>${post.author.displayName || post.author.username}</strong>
                      <span>@${post.author.username}</span>
                      <span>${this.registry.label(post.network)}</span>
                      ${url ? html`<a href=${url} target="_blank" rel="noopener noreferrer"><time datetime=${post.createdAt}>${time}</time></a>` : html`<time datetime=${post.createdAt}>${time}</time>`}
                      <span>${formatCount(post.engagements)} engagements</span>
                    </div>
                    <p class="text">${post.text}</p>
                  </li>`;
                })}
              </ol>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-bucket-posts': JqBucketPosts;
  }
}
