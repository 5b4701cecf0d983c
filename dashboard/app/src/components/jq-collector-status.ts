// Whether the numbers can be trusted: each network's collector (last run, last success, recent
// failures, posts stored) and the days of the view the coverage ledger flags: failures not yet
// refilled (an alarm), apart from days backfilled later and days beyond X's 7-day search (never
// collectable: known and final, no alarm), with the full per-day ledger as a table.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CoverageDay, DayState, NetworkStatus, StatusResponse } from '../api/api-types.js';
import { dataTable } from '../internal/data-table.js';
import { formatAgo, formatCalendarDate, formatCount, formatDateRuns, formatDateTime, formatUsd } from '../internal/format.js';
import { NO_NETWORKS, type NetworkRegistry } from '../internal/networks.js';
import { panelStyles, tableStyles } from '../internal/shared-styles.js';

const RUN_STATUS_LABELS: Record<string, string> = {
  ok: 'OK',
  failed: 'Failed',
  rate_limited: 'Rate limited',
  interrupted: 'Interrupted',
  running: 'Running',
  skipped: 'Skipped',
};

const DAY_MS = 86_400_000;

/** How each day state reads in the ledger table. */
const DAY_STATE_LABELS: Record<DayState, string> = {
  collected: 'Collected',
  backfilled: 'Backfilled',
  never_collectable: 'Never collectable',
  failed: 'Failed',
  not_collected: 'Not collected',
  before_collection: 'Before collection',
  in_progress: 'Today so far',
};

/** Dates of the view in `state`, per network (enabled networks only when `enabledOnly`). */
function datesIn(coverage: readonly CoverageDay[], states: readonly DayState[], networks: ReadonlySet<string> | null): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const day of coverage) {
    if (!states.includes(day.state) || (networks && !networks.has(day.network))) continue;
    found.set(day.network, [...(found.get(day.network) ?? []), day.date]);
  }
  return found;
}

/** Collector health per network and coverage gaps in the view. */
@customElement('jq-collector-status')
export class JqCollectorStatus extends LitElement {
  static override styles = [
    panelStyles,
    tableStyles,
    css`
      .table-scroll {
        max-height: none;
      }
      ul.networks {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
        gap: 0.75rem;
      }
      ul.networks > li {
        border: 1px solid var(--jq-border);
        border-radius: 8px;
        padding: 0.6rem 0.8rem;
      }
      ul.networks h3 {
        margin: 0 0 0.35rem;
        display: flex;
        gap: 0.5rem;
        align-items: baseline;
      }
      .badge {
        font-size: 0.75rem;
        font-weight: normal;
        border: 1px solid var(--jq-border);
        border-radius: 999px;
        padding: 0 0.45rem;
        color: var(--jq-muted);
      }
      dl {
        margin: 0;
        font-size: 0.88rem;
      }
      dl > div {
        display: flex;
        justify-content: space-between;
        gap: 0.75rem;
        padding: 0.15rem 0;
      }
      dt {
        color: var(--jq-muted);
        white-space: nowrap;
      }
      dd {
        margin: 0;
        text-align: right;
      }
      .bad {
        color: var(--jq-down);
        font-weight: 600;
      }
      .muted {
        color: var(--jq-muted);
      }
      .error {
        display: block;
        font-size: 0.78rem;
        color: var(--jq-muted);
        overflow-wrap: anywhere;
      }
      ul.gaps {
        margin: 0.25rem 0 0;
        padding-left: 1.1rem;
      }
      h3 {
        font-size: 0.95rem;
        margin: 0.9rem 0 0.25rem;
      }
    `,
  ];

  /** The networks the server collects from: their labels and colours. */
  @property({ attribute: false }) registry: NetworkRegistry = NO_NETWORKS;

  /** The `/api/status` answer. */
  @property({ attribute: false }) status: StatusResponse | null = null;

  /** The `/api/coverage` days of the view, or null when not loaded (e.g. nothing collected yet). */
  @property({ attribute: false }) coverage: CoverageDay[] | null = null;

  /** The time "ago" is measured from (ms since the epoch). */
  @property({ type: Number }) now = Date.now();

  private _renderLastRun(network: NetworkStatus, timeZone: string) {
    const run = network.lastRun;
    if (!run) return html`Never ran`;
    // A spent plan is not a broken collector: say which it is.
    const label = run.usageCapPeriod ? 'Plan usage cap reached' : (RUN_STATUS_LABELS[run.status] ?? run.status);
    const bad = run.status === 'failed' || run.status === 'interrupted';
    return html`<span class=${bad ? 'bad' : ''}>${label}</span>, ${formatDateTime(run.finishedAt ?? run.startedAt, timeZone)}
      ${run.error ? html`<span class="error">${run.error}</span>` : nothing}`;
  }

  private _renderLastSuccess(network: NetworkStatus, timeZone: string) {
    if (!network.lastSuccessAt) return html`<span class=${network.enabled ? 'bad' : ''}>Never</span>`;
    const stale = network.enabled && this.now - Date.parse(network.lastSuccessAt) > DAY_MS;
    return html`<time datetime=${network.lastSuccessAt} title=${formatDateTime(network.lastSuccessAt, timeZone)} class=${stale ? 'bad' : ''}
      >${formatAgo(network.lastSuccessAt, this.now)}</time
    >`;
  }

  /** Failed runs of the last day: an alarm only while their time is still missing, else "refilled". */
  private _renderFailures(network: NetworkStatus) {
    const count = network.failuresLast24h;
    if (count === 0) return html`<dd>0</dd>`;
    const missing = this.coverage === null || this.coverage.some((day) => day.network === network.network && day.gap);
    return missing
      ? html`<dd class="bad">${formatCount(count)}</dd>`
      : html`<dd data-refilled>${formatCount(count)} <span class="muted">(refilled since)</span></dd>`;
  }

  private _renderDates(dates: Map<string, string[]>, className: string) {
    return html`<ul class="gaps ${className}">
      ${[...dates].map(([network, list]) => html`<li data-network=${network}><strong>${this.registry.label(network)}</strong>: ${formatDateRuns(list)}</li>`)}
    </ul>`;
  }

  private _renderGaps(status: StatusResponse, coverage: CoverageDay[]) {
    const enabled = new Set(status.networks.filter((network) => network.enabled).map((network) => network.network));
    const alarms = datesIn(coverage, ['failed', 'not_collected'], enabled);
    const backfilled = datesIn(coverage, ['backfilled'], null);
    const lost = datesIn(coverage, ['never_collectable'], null);
    return html`<h3>Needs attention</h3>
      ${alarms.size === 0
        ? html`<p class="note" data-alarms="0">Nothing: every collecting network's posts of this period are stored, or were refilled after a pause.</p>`
        : html`<p class="note" data-alarms=${alarms.size}>Days whose posts are missing and could still be collected (runs failed, or no run since): their numbers are incomplete until a run succeeds.</p>
            ${this._renderDates(alarms, 'alarms')}`}
      ${backfilled.size > 0
        ? html`<h3>Backfilled</h3>
            <p class="note">Collected later than they happened: by a network's first run reaching back, or by the run after a pause or failure. Their numbers are complete.</p>
            ${this._renderDates(backfilled, 'backfilled')}`
        : nothing}
      ${lost.size > 0
        ? html`<h3>Never collectable</h3>
            <p class="note">Beyond X's 7-day search by the time collection resumed: these posts cannot be collected, and charts show these days as gaps, not zeros.</p>
            ${this._renderDates(lost, 'never-collectable')}`
        : nothing}`;
  }

  private _renderLedger(coverage: CoverageDay[]) {
    return html`<details>
      <summary>Coverage ledger (runs, failures, pauses and spend per day)</summary>
      ${dataTable({
        label: 'Coverage ledger',
        caption: 'Collection per day and network',
        head: html`<tr>
          <th scope="col">Day</th>
          <th scope="col">Network</th>
          <th scope="col">Runs</th>
          <th scope="col">Failures</th>
          <th scope="col">Rate-limit pauses</th>
          <th scope="col">New posts</th>
          <th scope="col">Posts read</th>
          <th scope="col">Est. API cost</th>
          <th scope="col">Collection</th>
        </tr>`,
        rows: coverage.map(
          (day) => html`<tr>
            <td>${formatCalendarDate(day.date)}</td>
            <td>${this.registry.label(day.network)}</td>
            <td>${formatCount(day.runs)}</td>
            <td class=${day.failures > 0 ? 'bad' : ''}>${formatCount(day.failures)}</td>
            <td>${formatCount(day.rateLimitPauses)}</td>
            <td>${formatCount(day.postsCollected)}</td>
            <td>${formatCount(day.postsRead)}</td>
            <td>${formatUsd(day.estimatedCostUsd)}</td>
            <td class=${day.gap ? 'bad' : ''} data-state=${day.state}>${DAY_STATE_LABELS[day.state]}</td>
          </tr>`,
        ),
      })}
    </details>`;
  }

  override render() {
    const status = this.status;
    if (!status) return nothing;
    // One card per network rather than a wide table: it stays readable on a phone.
    return html`<section class="panel" aria-labelledby="collector-title">
      <div class="panel-head"><h2 id="collector-title">Collector status</h2></div>
      <ul class="networks">
        ${status.networks.map(
          (network) => html`<li data-network=${network.network}>
            <h3>${this.registry.label(network.network)} <span class="badge">${network.enabled ? 'Collecting' : 'Not configured'}</span></h3>
            <dl>
              <div><dt>Last run</dt><dd>${this._renderLastRun(network, status.timeZone)}</dd></div>
              <div><dt>Last success</dt><dd>${this._renderLastSuccess(network, status.timeZone)}</dd></div>
              <div><dt>Failures (24 h)</dt>${this._renderFailures(network)}</div>
              <div><dt>Posts stored</dt><dd>${formatCount(network.posts)}</dd></div>
            </dl>
          </li>`,
        )}
      </ul>
      ${this.coverage ? html`${this._renderGaps(status, this.coverage)}${this._renderLedger(this.coverage)}` : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-collector-status': JqCollectorStatus;
  }
}
