// The Shareables view: for each ready-made post of the action page, share-button clicks → collected
// posts that used it, how much supporters edited it, and those posts' engagements and potential
// reach, by network. Networks the tracker cannot collect from show clicks only, and say why.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { EditedSummary, ShareableEntry, ShareablesResponse, ShareNetworkColumn } from '../api/api-types.js';
import { formatCalendarDate, formatCount } from '../internal/format.js';
import { panelStyles, tableStyles } from '../internal/shared-styles.js';

const KIND_LABELS: Readonly<Record<string, string>> = {
  exemplar: 'Exemplar',
  tool: 'Tool',
  conversation: 'Conversation',
  research: 'Research',
};

const wholePercent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

/** "12% edited" style figure; "—" when no post used it. */
function formatEdited(edited: EditedSummary | null): string {
  return edited ? wholePercent.format(edited.median) : '—';
}

function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** Per shareable cards with a per-network table; empty and "content file missing" states. */
@customElement('jq-shareables')
export class JqShareables extends LitElement {
  static override styles = [
    panelStyles,
    tableStyles,
    css`
      .intro {
        margin: 0 0 0.75rem;
        color: var(--jq-muted);
        font-size: 0.9rem;
      }
      .headline {
        font-size: 1rem;
        margin: 0 0 0.75rem;
      }
      .cards {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        /* minmax(0, …): a wide per-network table scrolls inside its card instead of widening the page. */
        grid-template-columns: minmax(0, 1fr);
        gap: 0.75rem;
      }
      .card {
        min-width: 0;
        border: 1px solid var(--jq-border);
        border-radius: 8px;
        padding: 0.75rem;
      }
      .card h3 {
        font-size: 0.98rem;
        margin: 0;
        overflow-wrap: anywhere;
      }
      .meta {
        color: var(--jq-muted);
        font-size: 0.8rem;
        margin: 0.1rem 0 0.4rem;
        overflow-wrap: anywhere;
      }
      .funnel {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1.25rem;
        margin: 0.25rem 0;
        padding: 0;
        list-style: none;
        font-size: 0.9rem;
      }
      .funnel strong {
        font-variant-numeric: tabular-nums;
        font-size: 1.05rem;
      }
      .arrow {
        color: var(--jq-muted);
      }
      .table-scroll {
        max-height: none;
      }
      td.only {
        text-align: left;
        color: var(--jq-muted);
        font-style: italic;
      }
      .notes {
        margin: 0.75rem 0 0;
        padding-left: 1.1rem;
        color: var(--jq-muted);
        font-size: 0.85rem;
      }
      .problem {
        border-left: 4px solid var(--jq-warn-border);
        background: var(--jq-warn-bg);
        padding: 0.5rem 0.75rem;
        margin: 0 0 0.75rem;
      }
      .idle {
        margin: 0.25rem 0 0;
        padding-left: 1.1rem;
        font-size: 0.85rem;
      }
    `,
  ];

  /** The `/api/shareables` answer, or null before data arrives. */
  @property({ attribute: false }) shareables: ShareablesResponse | null = null;

  private _renderNetworks(entry: ShareableEntry, columns: readonly ShareNetworkColumn[]) {
    return html`<details>
      <summary>By network<span class="visually-hidden">: ${entry.title}</span></summary>
      <div class="table-scroll" tabindex="0" role="region" aria-label="Ready-made posts: adoption table">
        <table>
          <caption class="visually-hidden">Clicks and matched posts of ${entry.title} by network</caption>
          <thead>
            <tr>
              <th scope="col">Network</th>
              <th scope="col">Clicks</th>
              <th scope="col">Posts</th>
              <th scope="col">Edited (median)</th>
              <th scope="col">Engage&shy;ments</th>
              <th scope="col">Potential reach</th>
            </tr>
          </thead>
          <tbody>
            ${entry.networks.map((figures, index) => {
              const column = columns[index];
              const label = column?.label ?? figures.network;
              return html`<tr data-network=${figures.network}>
                <th scope="row">${label}</th>
                <td>${formatCount(figures.clicks)}</td>
                ${figures.posts === null
                  ? html`<td class="only" colspan="4">clicks only</td>`
                  : html`<td>${formatCount(figures.posts)}</td>
                      <td>${formatEdited(figures.edited)}</td>
                      <td>${formatCount(figures.engagements)}</td>
                      <td>${formatCount(figures.potentialReach)}</td>`}
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
    </details>`;
  }

  private _renderCard(entry: ShareableEntry, columns: readonly ShareNetworkColumn[]) {
    const kind = entry.kind ? (KIND_LABELS[entry.kind] ?? entry.kind) : null;
    const meta = [kind, entry.templateId ? `message “${entry.templateId}”` : null, entry.inContentFile ? null : 'no longer in the content file'].filter(Boolean).join(' · ');
    return html`<li class="card" data-shareable=${entry.id}>
      <h3>${entry.title}</h3>
      <p class="meta">${meta}</p>
      <ul class="funnel" aria-label="Clicks to matched posts">
        <li><strong>${formatCount(entry.clicks)}</strong> share clicks</li>
        <li aria-hidden="true" class="arrow">→</li>
        <li><strong>${formatCount(entry.posts)}</strong> matched posts${entry.posts > 0 ? html` <span class="meta">(${entry.postsByMethod.link} by link, ${entry.postsByMethod.text} by text)</span>` : nothing}</li>
        <li><strong>${formatEdited(entry.edited)}</strong> edited (median)</li>
        <li><strong>${formatCount(entry.engagements)}</strong> engagements</li>
        <li><strong>${formatCount(entry.potentialReach)}</strong> potential reach</li>
      </ul>
      ${this._renderNetworks(entry, columns)}
    </li>`;
  }

  override render() {
    const data = this.shareables;
    if (!data) return nothing;
    const active = data.shareables.filter((entry) => entry.clicks > 0 || entry.posts > 0);
    const idle = data.shareables.filter((entry) => entry.clicks === 0 && entry.posts === 0);
    const notes = data.networks.filter((column) => column.note !== null);
    const days = `${formatCalendarDate(data.clickDays.from, { weekday: false })} to ${formatCalendarDate(data.clickDays.to, { weekday: false })}`;
    return html`<section class="panel" aria-labelledby="shareables-title">
      <div class="panel-head">
        <h2 id="shareables-title">Shareables</h2>
      </div>
      <p class="intro">
        Ready-made posts from the action page: how often supporters pressed a share button, then the collected posts that used one
        (by its tagged link, or by similar text when they edited it). “Edited” is how much of the wording they changed: 0% is posted as written.
      </p>
      ${data.contentFile === 'unavailable'
        ? html`<p class="problem" role="note">The shareables content file could not be loaded, so titles are missing and new posts are not being matched. The server log says why.</p>`
        : nothing}
      ${data.contentWarnings?.length
        ? html`<p class="problem" role="note">Before publishing the action page: ${data.contentWarnings.join(' ')}</p>`
        : nothing}
      ${active.length === 0
        ? html`<p class="headline empty">
            No share clicks or matched posts from ${days}.
            ${data.contentFile === 'loaded' ? html`Supporters find the ready-made posts on the <a href="/action/">action page</a>.` : nothing}
          </p>`
        : html`<p class="headline">
              ${plural(data.totals.clicks, 'share click', 'share clicks')} → ${plural(data.totals.posts, 'matched post', 'matched posts')} from ${days},
              ${formatCount(data.totals.used)} of ${plural(data.totals.shareables, 'ready-made post', 'ready-made posts')} used.
            </p>
            <ul class="cards">
              ${active.map((entry) => this._renderCard(entry, data.networks))}
            </ul>`}
      ${idle.length > 0 && active.length > 0
        ? html`<details>
            <summary>${plural(idle.length, 'ready-made post', 'ready-made posts')} with no clicks or matched posts</summary>
            <ul class="idle">
              ${idle.map((entry) => html`<li>${entry.title}${entry.templateId ? html` <span class="meta">(${entry.templateId})</span>` : nothing}</li>`)}
            </ul>
          </details>`
        : nothing}
      ${notes.length > 0
        ? html`<ul class="notes" aria-label="Networks with clicks only">
            ${notes.map((column) => html`<li data-network=${column.network}>${column.note}</li>`)}
          </ul>`
        : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-shareables': JqShareables;
  }
}
