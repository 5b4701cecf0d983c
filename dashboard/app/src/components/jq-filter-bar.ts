// The view's filters: date presets (7, 30, 90 days) or custom dates, network and hashtag. It
// shows the filters it is given and reports what the user changes; the dashboard owns the state.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { filtersChangeEvent } from '../internal/events.js';
import { NO_NETWORKS, type NetworkRegistry } from '../internal/networks.js';
import { controlStyles, panelStyles } from '../internal/shared-styles.js';
import { DEFAULT_FILTERS, RANGE_PRESETS, isIsoDate, resolveDates, type DashboardFilters } from '../state/filters.js';

/**
 * Filter controls.
 * @fires jq-filters-change - the user changed the range, network or hashtag
 */
@customElement('jq-filter-bar')
export class JqFilterBar extends LitElement {
  static override styles = [
    panelStyles,
    controlStyles,
    css`
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1.25rem;
        align-items: end;
      }
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
        min-width: 0;
      }
      legend,
      .field-label {
        display: block;
        font-size: 0.85rem;
        color: var(--jq-muted);
        margin-bottom: 0.25rem;
        padding: 0;
      }
      .presets {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem;
      }
      .field {
        display: flex;
        flex-direction: column;
      }
      form.custom {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
        margin-top: 0.6rem;
      }
      .error {
        flex-basis: 100%;
        color: var(--jq-down);
        margin: 0;
        font-size: 0.85rem;
      }
    `,
  ];

  /** The networks the server collects from: their labels and colours. */
  @property({ attribute: false }) registry: NetworkRegistry = NO_NETWORKS;

  /** The filters in effect. */
  @property({ attribute: false }) filters: DashboardFilters = DEFAULT_FILTERS;

  /** Tracked hashtags (without '#') offered in the hashtag picker. */
  @property({ attribute: false }) hashtags: string[] = [];

  /** Today's date in the report time zone (`YYYY-MM-DD`): presets end on it. */
  @property() today = '';

  @state() private _customOpen = false;
  @state() private _customError = '';

  private _emit(changes: Partial<DashboardFilters>) {
    this.dispatchEvent(filtersChangeEvent(changes));
  }

  private _onPreset(days: (typeof RANGE_PRESETS)[number]) {
    this._customOpen = false;
    this._customError = '';
    this._emit({ range: { kind: 'preset', days } });
  }

  private async _onToggleCustom() {
    this._customOpen = !this._customOpen;
    this._customError = '';
    // The form the button just opened takes focus, so keyboard and screen-reader users land in it.
    if (this._customOpen) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#from')?.focus();
    }
  }

  private _onCustomSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const from = (form.elements.namedItem('from') as HTMLInputElement).value;
    const to = (form.elements.namedItem('to') as HTMLInputElement).value;
    if (!isIsoDate(from) || !isIsoDate(to)) {
      this._customError = 'Enter both dates (from and to).';
      return;
    }
    if (from > to) {
      this._customError = 'The "from" date must be on or before the "to" date.';
      return;
    }
    this._customError = '';
    this._emit({ range: { kind: 'custom', from, to } });
  }

  private _onNetwork(event: Event) {
    const value = (event.target as HTMLSelectElement).value;
    this._emit({ networks: value === '' ? [] : value.split(',') });
  }

  private _onHashtag(event: Event) {
    const value = (event.target as HTMLSelectElement).value;
    this._emit({ hashtag: value === '' ? null : value });
  }

  private _networkOptions() {
    const selected = this.filters.networks.join(',');
    const options: Array<[string, string]> = [['', 'All networks'], ...this.registry.list.map((network): [string, string] => [network.id, network.label])];
    // A shared link may pick two networks; show that choice as it is rather than pretending "all".
    if (this.filters.networks.length > 1) options.push([selected, this.filters.networks.map((network) => this.registry.label(network)).join(' + ')]);
    return options.map(([value, label]) => html`<option value=${value} ?selected=${value === selected}>${label}</option>`);
  }

  private _hashtagOptions() {
    const tags = [...this.hashtags];
    // A shared link may name a tag this server does not track; keep it visible so the view is honest.
    if (this.filters.hashtag && !tags.includes(this.filters.hashtag)) tags.push(this.filters.hashtag);
    return html`<option value="" ?selected=${this.filters.hashtag === null}>All tracked hashtags</option>
      ${tags.map((tag) => html`<option value=${tag} ?selected=${tag === this.filters.hashtag}>#${tag}</option>`)}`;
  }

  override render() {
    const range = this.filters.range;
    const custom = range.kind === 'custom';
    const dates = this.today ? resolveDates(range, this.today) : null;
    const open = this._customOpen || custom;
    return html`<div class="panel">
      <div class="bar">
        <fieldset>
          <legend>Period</legend>
          <div class="presets">
            ${RANGE_PRESETS.map(
              (days) =>
                html`<button type="button" aria-pressed=${range.kind === 'preset' && range.days === days ? 'true' : 'false'} @click=${() => this._onPreset(days)}>
                  Last ${days} days
                </button>`,
            )}
            <button type="button" aria-pressed=${custom ? 'true' : 'false'} aria-expanded=${open ? 'true' : 'false'} aria-controls="custom-range" @click=${this._onToggleCustom}>
              Custom dates
            </button>
          </div>
        </fieldset>
        <div class="field">
          <label class="field-label" for="network">Network</label>
          <select id="network" @change=${this._onNetwork}>
            ${this._networkOptions()}
          </select>
        </div>
        <div class="field">
          <label class="field-label" for="hashtag">Hashtag</label>
          <select id="hashtag" @change=${this._onHashtag}>
            ${this._hashtagOptions()}
          </select>
        </div>
      </div>
      ${open
        ? html`<form id="custom-range" class="custom" @submit=${this._onCustomSubmit} aria-label="Custom dates" novalidate>
            <div class="field">
              <label class="field-label" for="from">From</label>
              <input id="from" name="from" type="date" .value=${dates?.from ?? ''} max=${this.today || nothing} required />
            </div>
            <div class="field">
              <label class="field-label" for="to">To (included)</label>
              <input id="to" name="to" type="date" .value=${dates?.to ?? ''} required />
            </div>
            <button type="submit">Apply dates</button>
            ${this._customError ? html`<p class="error" role="alert">${this._customError}</p>` : nothing}
          </form>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-filter-bar': JqFilterBar;
  }
}
