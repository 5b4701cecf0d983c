// Amplifiers (`/api/amplifiers`): the people who spread the campaign furthest in the view, ranked by
// reach, with one person's mapped accounts as one row. Handles and names from the networks are
// rendered as text.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatCount, formatDateTime } from '../internal/format.js';
import { NO_NETWORKS, type NetworkRegistry } from '../internal/networks.js';
import { panelStyles, peopleTableStyles, tableStyles } from '../internal/shared-styles.js';
import type { Amplifier, AmplifiersResponse } from '../api/api-types.js';

/** Table of amplifiers; `answer` null while loading, `error` when it could not be loaded. */
@customElement('jq-amplifiers')
export class JqAmplifiers extends LitElement {
  static override styles = [panelStyles, tableStyles, peopleTableStyles];

  /** The `/api/amplifiers` answer, or null while it loads. */
  @property({ attribute: false }) answer: AmplifiersResponse | null = null;

  /** Why the answer could not be loaded, or null. */
  @property({ attribute: false }) error: string | null = null;

  /** Link to the CSV of the whole ranking for the view. */
  @property() csvUrl = '';

  /** Link to the same as an Excel workbook. */
  @property() xlsxUrl = '';

  /** The networks the server collects from: their labels. */
  @property({ attribute: false }) registry: NetworkRegistry = NO_NETWORKS;

  /** Report time zone, for "first seen". */
  @property() timeZone = 'UTC';

  private _who(entry: Amplifier) {
    const first = entry.accounts[0];
    const name = entry.person ?? first?.displayName ?? first?.username ?? '';
    return html`<th scope="row" class="who">
      ${name}
      ${entry.accounts.map((account) => html`<span class="handle">@${account.username} · ${this.registry.label(account.network)}</span>`)}
    </th>`;
  }

  private _table(list: readonly Amplifier[]) {
    return html`<div class="table-scroll" tabindex="0" role="region" aria-label="Amplifiers">
      <table>
        <caption class="visually-hidden">Amplifiers, largest reach first</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col" class="who">Person</th>
            <th scope="col">Reach</th>
            <th scope="col">Posts</th>
            <th scope="col">Reposts</th>
            <th scope="col">Engage&shy;ments</th>
            <th scope="col">Ready-made used</th>
            <th scope="col">First seen</th>
          </tr>
        </thead>
        <tbody>
          ${list.map(
            (entry) => html`<tr data-rank=${entry.rank}>
              <td>${entry.rank}</td>
              ${this._who(entry)}
              <td>${formatCount(entry.reach)}</td>
              <td>${formatCount(entry.posts)}</td>
              <td>${formatCount(entry.reposts)}</td>
              <td>${formatCount(entry.engagements)}</td>
              <td>${formatCount(entry.readyMadePosts)}</td>
              <td>${formatDateTime(entry.firstSeenAt, this.timeZone)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private _body() {
    if (this.error !== null) return html`<p class="problem" role="alert">Could not load the amplifiers: ${this.error}</p>`;
    const answer = this.answer;
    if (answer === null) return html`<p role="status">Loading amplifiers…</p>`;
    if (answer.amplifiers.length === 0) return html`<p class="empty">Nobody posted for the campaign in this view.</p>`;
    return html`${this._table(answer.amplifiers)}
      <p class="note">
        ${answer.definitions.map((definition) => html`<span>${definition.label}: ${definition.definition} </span>`)}
        ${answer.accountMap.loaded
          ? `The account map names ${answer.accountMap.people} people; their accounts count once.`
          : 'No account map (AMPLIFIER_ACCOUNTS_FILE): each account is counted on its own.'}
      </p>`;
  }

  override render() {
    return html`<section class="panel" aria-labelledby="amplifiers-title">
      <div class="panel-head">
        <h2 id="amplifiers-title">Amplifiers</h2>
        ${this.csvUrl && this.answer?.amplifiers.length ? html`<span><a href=${this.csvUrl} download>Download CSV</a>${this.xlsxUrl ? html` · <a href=${this.xlsxUrl} download>Download Excel</a>` : nothing}</span>` : nothing}
      </div>
      ${this._body()}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-amplifiers': JqAmplifiers;
  }
}
