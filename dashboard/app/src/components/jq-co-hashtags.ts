// The hashtags people used together with the tracked ones in the view, with how many posts
// carried each: what the campaign's conversation is also about. (The bars are <meter>s: the page's
// CSP allows no inline style attributes to size them.)
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CoHashtag } from '../api/api-types.js';
import { dataTable } from '../internal/data-table.js';
import { formatCount } from '../internal/format.js';
import { panelStyles, tableStyles } from '../internal/shared-styles.js';

/** Co-hashtags of the view (tracked tags left out), most used first. */
@customElement('jq-co-hashtags')
export class JqCoHashtags extends LitElement {
  static override styles = [
    panelStyles,
    tableStyles,
    css`
      meter {
        width: 100%;
      }
      td.share {
        width: 40%;
        text-align: left;
      }
    `,
  ];

  /** The `/api/hashtags` rows, or null before data arrives. */
  @property({ attribute: false }) hashtags: CoHashtag[] | null = null;

  override render() {
    const rows = this.hashtags;
    if (!rows) return nothing;
    const most = rows[0]?.posts ?? 0;
    return html`<section class="panel" aria-labelledby="co-hashtags-title">
      <div class="panel-head"><h2 id="co-hashtags-title">Hashtags used alongside</h2></div>
      <p class="note">Other hashtags in the view's posts, with the number of posts carrying each; the tracked hashtags are left out.</p>
      ${rows.length === 0
        ? html`<p class="note">No other hashtags in these posts.</p>`
        : dataTable({
            label: 'Hashtags used alongside',
            caption: 'Hashtags used alongside the tracked ones',
            captionHidden: true,
            head: html`<tr><th scope="col">Hashtag</th><th scope="col">Posts</th><th scope="col"><span class="visually-hidden">Share of the most used</span></th></tr>`,
            rows: rows.map(
              (row) => html`<tr data-tag=${row.tag}>
                <th scope="row">#${row.tag}</th>
                <td>${formatCount(row.posts)}</td>
                <td class="share" aria-hidden="true"><meter min="0" max=${most} value=${row.posts}></meter></td>
              </tr>`,
            ),
          })}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-co-hashtags': JqCoHashtags;
  }
}
