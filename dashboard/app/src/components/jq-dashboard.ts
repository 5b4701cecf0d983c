// The dashboard page: owns the filters (kept in the URL query), loads the data through
// state/dashboard-data.ts, asks for the status every minute while the tab is visible and for the
// rest only when the status says the data moved, and lays out the views with their loading,
// empty, error and "session ended" states.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { StatusResponse, TopPostsResponse } from '../api/api-types.js';
import { ApiRequestError } from '../api/api-client.js';
import type { BucketSelectDetail, BucketSelectEvent, FiltersChangeEvent } from '../internal/events.js';
import { METRIC_COLORS, networkRegistry, NO_NETWORKS, type NetworkRegistry } from '../internal/networks.js';
import type { ChartCaption } from '../internal/png-caption.js';
import { formatCalendarDate, formatDateTime } from '../internal/format.js';
import { controlStyles, panelStyles } from '../internal/shared-styles.js';
import {
  loadBucketPosts,
  loadDashboardData,
  loadStatus,
  loadTopPosts,
  intelligenceCsvUrls,
  intelligenceXlsxUrls,
  postsCsvUrl,
  storedPosts,
  viewStamp,
  TOP_POSTS_MAX,
  TOP_POSTS_PAGE,
  type ChartsData,
  type DashboardData,
} from '../state/dashboard-data.js';
import { DEFAULT_FILTERS, daysInRange, filtersFromQuery, filtersToQuery, todayIn, type DashboardFilters } from '../state/filters.js';
import type { MomentMark } from '../internal/moment-markers.js';
import './jq-alerts.js';
import './jq-bucket-posts.js';
import './jq-co-hashtags.js';
import './jq-collector-status.js';
import './jq-filter-bar.js';
import './jq-kpi-cards.js';
import './jq-moments.js';
import './jq-network-chart.js';
import './jq-posts-chart.js';
import './jq-series-chart.js';
import './jq-share-of-voice.js';
import './jq-amplifiers.js';
import './jq-shareables.js';
import './jq-weekly-reports.js';
import './jq-top-contributors.js';
import './jq-top-posts.js';

type Phase = 'loading' | 'ready' | 'empty' | 'error' | 'signed-out';

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The server refused the request for want of a staff session (expired, or signed out elsewhere). */
function isSessionEnded(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 401;
}

/** The error's message as a sentence (ending in punctuation), to put other sentences after it. */
function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

/** The latest run of any network, for "the collector last ran at …". */
function lastRunOf(status: StatusResponse): { at: string; status: string } | null {
  let latest: { at: string; status: string } | null = null;
  for (const network of status.networks) {
    const run = network.lastRun;
    if (!run) continue;
    const at = run.finishedAt ?? run.startedAt;
    if (!latest || Date.parse(at) > Date.parse(latest.at)) latest = { at, status: run.status };
  }
  return latest;
}

/**
 * The whole dashboard. The host carries `data-state` (`loading`, `ready`, `empty`, `error` or
 * `signed-out`), `data-busy` while a load is running and `data-sign-in` (`offered` or `none`) once
 * the server has said whether staff sign in, so tools and tests can tell when it has settled.
 */
@customElement('jq-dashboard')
export class JqDashboard extends LitElement {
  static override styles = [
    panelStyles,
    controlStyles,
    css`
      :host {
        display: block;
        max-width: 1280px;
        margin: 0 auto;
        padding: 1rem;
      }
      @media (max-width: 480px) {
        :host {
          padding: 0.6rem;
        }
      }
      header.top {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: end;
        gap: 0.75rem;
        margin-bottom: 1rem;
      }
      h1 {
        font-size: 1.45rem;
        margin: 0;
      }
      .sub {
        margin: 0.2rem 0 0;
        color: var(--jq-muted);
        font-size: 0.9rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        font-size: 0.9rem;
      }
      .updated {
        color: var(--jq-muted);
      }
      a.button {
        display: inline-flex;
        align-items: center;
        min-height: 2.25rem;
        padding: 0 0.7rem;
        border: 1px solid var(--jq-control-border);
        border-radius: 6px;
        background: var(--jq-card);
        text-decoration: none;
        color: var(--jq-link);
      }
      .banner {
        background: var(--jq-warn-bg);
        border: 1px solid var(--jq-warn-border);
        border-radius: 10px;
        padding: 0.6rem 0.9rem;
        margin-bottom: 1rem;
      }
      .notice {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        margin: 1rem 0 0;
        padding: 0.6rem 0.9rem;
        border-radius: 10px;
        border: 1px solid var(--jq-border);
        background: var(--jq-card);
      }
      .notice.problem {
        border-color: var(--jq-down);
      }
      main {
        margin-top: 1rem;
      }
      main[aria-busy='true'] .grid {
        opacity: 0.55;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(12, minmax(0, 1fr));
        gap: 1rem;
        margin-top: 1rem;
      }
      .grid > * {
        grid-column: span 12;
        min-width: 0;
      }
      @media (min-width: 900px) {
        .wide {
          grid-column: span 8;
        }
        .narrow {
          grid-column: span 4;
        }
        .half-plus {
          grid-column: span 7;
        }
        .half-minus {
          grid-column: span 5;
        }
      }
      .state {
        text-align: center;
        padding: 2.5rem 1rem;
      }
      .state h2 {
        font-size: 1.2rem;
        margin-bottom: 0.5rem;
      }
      .state p {
        margin: 0.4rem auto;
        max-width: 42rem;
      }
      .state.error h2 {
        color: var(--jq-down);
      }
      footer {
        margin-top: 1.5rem;
        color: var(--jq-muted);
        font-size: 0.8rem;
      }
      footer p {
        margin: 0.2rem 0;
      }
      code {
        font-size: 0.9em;
      }
    `,
  ];

  /** Seconds between automatic refreshes while the tab is visible; 0 turns auto-refresh off. */
  @property({ type: Number, attribute: 'refresh-seconds' }) refreshSeconds = 60;

  @state() private _filters: DashboardFilters = DEFAULT_FILTERS;
  @state() private _status: StatusResponse | null = null;
  /** The networks the server lists, with their labels and colours. */
  @state() private _registry: NetworkRegistry = NO_NETWORKS;
  @state() private _data: DashboardData | null = null;
  /** The key numbers and time charts of a first view, drawn while the rest of it loads (null once `_data` is in). */
  @state() private _charts: ChartsData | null = null;
  @state() private _phase: Phase = 'loading';
  @state() private _error: unknown = null;
  @state() private _refreshProblem: string | null = null;
  @state() private _busy = false;
  @state() private _updatedAt: number | null = null;
  @state() private _topPostsLimit = TOP_POSTS_PAGE;
  @state() private _loadingMore = false;
  /** The chart bucket whose posts are listed, and those posts (null while loading). */
  @state() private _bucket: BucketSelectDetail | null = null;
  @state() private _bucketPosts: TopPostsResponse | null = null;
  /** Where focus was when a bucket's posts were asked for, to return there on "Close". */
  private _bucketOpener: HTMLElement | null = null;
  private _bucketAbort: AbortController | null = null;
  /** Said by screen readers when a view the user asked for has loaded (not on every auto-refresh). */
  @state() private _announcement = '';
  /** The view stamp (the status's data stamp, day and hour) `_data` was loaded under: a refresh with the same stamp asks nothing else. */
  private _viewStamp: string | null = null;

  private _abort: AbortController | null = null;
  private _timer: number | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // The URL's range and hashtag show at once; its networks once the server has listed them (_takeStatus).
    this._filters = filtersFromQuery(window.location.search, []);
    window.addEventListener('popstate', this._onPopState);
    document.addEventListener('visibilitychange', this._onVisibilityChange);
    this._startTimer();
    void this._load('replace');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this._onPopState);
    document.removeEventListener('visibilitychange', this._onVisibilityChange);
    this._stopTimer();
    this._abort?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('refreshSeconds') && this.isConnected && changed.get('refreshSeconds') !== undefined) this._startTimer();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.dataset['state'] = this._phase;
    this.toggleAttribute('data-busy', this._busy);
    // Whether the server has a sign-in (and so a sign-out) for staff, once its status has said.
    if (this._status) this.dataset['signIn'] = this._status.signInRequired ? 'offered' : 'none';
  }

  private _startTimer() {
    this._stopTimer();
    if (this.refreshSeconds > 0) this._timer = window.setInterval(this._onTick, this.refreshSeconds * 1000);
  }

  private _stopTimer() {
    if (this._timer !== undefined) window.clearInterval(this._timer);
    this._timer = undefined;
  }

  /** Today in the report time zone, on the server's clock once it has said (the browser's until then). */
  private _today(): string {
    const status = this._status;
    return todayIn(status?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone, status ? Date.parse(status.generatedAt) : Date.now());
  }

  /** Takes a status answer; the first one also says which networks the URL's filters may name. */
  private _takeStatus(status: StatusResponse) {
    const first = this._status === null;
    this._status = status;
    this._registry = networkRegistry(status.networks);
    if (first) this._filters = filtersFromQuery(window.location.search, this._registry.ids);
  }

  /**
   * Loads the status and, when needed, the data for the current filters. `replace` is a new view
   * (always loaded; its failure replaces the page with the error); `refresh` renews the same view
   * quietly, asks for the data only when the view stamp moved (or always, with `force`: the Refresh
   * button, for whoever doubts the stamp), and keeps what is shown on failure.
   */
  private async _load(mode: 'replace' | 'refresh', force = false): Promise<void> {
    this._abort?.abort();
    const controller = new AbortController();
    this._abort = controller;
    const { signal } = controller;
    this._busy = true;
    if (mode === 'replace' && !this._data) this._phase = 'loading';
    try {
      // A new view once the networks are known: the status can load alongside the data.
      const known = this._status;
      const early = mode === 'replace' && known && storedPosts(known) > 0 ? this._loadData(this._filters, signal) : null;
      // Awaited below; this only keeps a failure while the status loads from counting as unhandled.
      early?.catch(() => undefined);
      // Data loaded early may predate the new status: it is as new as the stamp it started under.
      const earlyStamp = early && known ? viewStamp(known, this._today()) : null;
      this._takeStatus(await loadStatus(signal));
      const status = this._status!;
      const stamp = viewStamp(status, this._today());
      if (storedPosts(status) === 0) {
        this._show(null);
        this._phase = 'empty';
      } else if (early || mode === 'replace' || force || !this._data || stamp !== this._viewStamp) {
        this._show(await (early ?? this._loadData(this._filters, signal)));
        this._phase = 'ready';
      }
      this._viewStamp = earlyStamp ?? stamp;
      this._loaded(mode);
    } catch (error) {
      if (isAbort(error) || signal.aborted) return;
      this._failed(error, mode);
    } finally {
      if (this._abort === controller) {
        this._abort = null;
        this._busy = false;
      }
    }
  }

  /**
   * Loads the data for `filters`. With nothing shown yet (the first view, or after an error) the key
   * numbers and time charts are drawn as soon as their answers are in; a view already shown is
   * replaced whole, never half old and half new.
   */
  private _loadData(filters: DashboardFilters, signal: AbortSignal): Promise<DashboardData> {
    const drawFirst = (charts: ChartsData) => {
      // Not for a load that was replaced, nor once the server says there are no posts at all.
      if (signal.aborted || !this._status || storedPosts(this._status) === 0) return;
      this._charts = charts;
      this._phase = 'ready';
    };
    return loadDashboardData(filters, this._today(), this._registry.ids, { topPostsLimit: this._topPostsLimit, signal, ...(this._data ? {} : { onCharts: drawFirst }) });
  }

  /** Shows a whole view (or none). */
  private _show(data: DashboardData | null) {
    this._data = data;
    this._charts = null;
  }

  private _loaded(mode: 'replace' | 'refresh') {
    this._error = null;
    this._refreshProblem = null;
    this._updatedAt = Date.now();
    if (mode === 'replace') {
      this._announcement = this._data
        ? `Showing ${formatCalendarDate(this._data.view.from, { weekday: false })} to ${formatCalendarDate(this._data.view.to, { weekday: false })}.`
        : 'No posts yet.';
    }
  }

  /** A refresh that failed keeps what is shown; a new view that failed shows the error; an ended session says so. */
  private _failed(error: unknown, mode: 'replace' | 'refresh') {
    if (isSessionEnded(error)) {
      this._endSession();
    } else if (mode === 'refresh' && this._phase !== 'error' && this._phase !== 'loading') {
      this._refreshProblem = `Could not refresh at ${new Date().toLocaleTimeString()}: ${messageOf(error)} The numbers shown are from the last successful update.`;
    } else {
      this._error = error;
      this._show(null);
      this._phase = 'error';
    }
  }

  /** The session ended: nothing more can load until the user signs in again, so stop asking. */
  private _endSession() {
    this._stopTimer();
    this._closeBucket();
    this._show(null);
    this._viewStamp = null;
    this._refreshProblem = null;
    this._phase = 'signed-out';
  }

  /** Shows `next` filters; `push` records them in the browser history (a user action). */
  private _applyFilters(next: DashboardFilters, push: boolean) {
    if (push) {
      const query = filtersToQuery(next, this._registry.ids);
      if (query !== window.location.search.replace(/^\?/, '')) {
        window.history.pushState(null, '', query ? `?${query}` : window.location.pathname);
      }
    }
    this._filters = next;
    this._topPostsLimit = TOP_POSTS_PAGE;
    this._closeBucket();
    void this._load('replace');
  }

  private _onFiltersChange(event: FiltersChangeEvent) {
    event.stopPropagation();
    this._applyFilters({ ...this._filters, ...event.detail.changes }, true);
  }

  private _onPopState = () => {
    this._applyFilters(filtersFromQuery(window.location.search, this._registry.ids), false);
  };

  private _onTick = () => {
    if (document.hidden || this._busy) return;
    void this._load('refresh');
  };

  private _onVisibilityChange = () => {
    // Back on a tab that missed refreshes: renew at once rather than wait for the next tick.
    if (document.hidden || this.refreshSeconds <= 0 || this._updatedAt === null) return;
    if (Date.now() - this._updatedAt >= this.refreshSeconds * 1000) this._onTick();
  };

  private _onRetry() {
    void this._load('replace');
  }

  private _onRefresh() {
    void this._load(this._phase === 'ready' || this._phase === 'empty' ? 'refresh' : 'replace', true);
  }

  private _onResetFilters() {
    this._applyFilters(DEFAULT_FILTERS, true);
  }

  private async _onShowMore() {
    if (!this._data || this._loadingMore) return;
    const filters = this._filters;
    const limit = Math.min(this._topPostsLimit + TOP_POSTS_PAGE, TOP_POSTS_MAX);
    this._loadingMore = true;
    try {
      const topPosts = await loadTopPosts(filters, this._today(), limit);
      // The view may have changed while the page was loading: drop an answer for old filters.
      if (filters === this._filters && this._data) {
        this._data = { ...this._data, topPosts };
        this._topPostsLimit = limit;
      }
    } catch (error) {
      if (isSessionEnded(error)) this._endSession();
      else this._refreshProblem = `Could not load more posts: ${messageOf(error)}`;
    } finally {
      this._loadingMore = false;
    }
  }

  private async _onBucketSelect(event: BucketSelectEvent) {
    event.stopPropagation();
    // The element with focus (inside shadow roots): a table's "Posts" button gets it back on "Close".
    let opener = document.activeElement;
    while (opener?.shadowRoot?.activeElement) opener = opener.shadowRoot.activeElement;
    this._bucketOpener = opener instanceof HTMLElement && opener !== document.body ? opener : null;
    this._bucketAbort?.abort();
    const controller = new AbortController();
    this._bucketAbort = controller;
    this._bucket = event.detail;
    this._bucketPosts = null;
    try {
      const posts = await loadBucketPosts(this._filters, this._today(), event.detail, controller.signal);
      if (this._bucketAbort === controller) this._bucketPosts = posts;
    } catch (error) {
      if (isAbort(error)) return;
      if (isSessionEnded(error)) return this._endSession();
      this._refreshProblem = `Could not list the posts of ${event.detail.label}: ${messageOf(error)}`;
      this._bucket = null;
    }
  }

  private _closeBucket() {
    this._bucketAbort?.abort();
    this._bucketAbort = null;
    this._bucket = null;
    this._bucketPosts = null;
  }

  private _onBucketClose() {
    this._closeBucket();
    const opener = this._bucketOpener;
    this._bucketOpener = null;
    if (opener?.isConnected) opener.focus();
  }

  /** What a downloaded chart says about the view: its dates and time zone, and the hashtags counted. */
  private _caption(data: ChartsData, status: StatusResponse): Omit<ChartCaption, 'title'> {
    const soFar = data.summary.comparison.soFar ? ', so far' : '';
    const range = `${formatCalendarDate(data.view.from, { weekday: false })} – ${formatCalendarDate(data.view.to, { weekday: false })} (${status.timeZone}${soFar})`;
    const hashtags = (data.view.hashtag ? [data.view.hashtag] : status.hashtags).map((tag) => `#${tag}`);
    const networks = this._filters.networks.map((id) => this._registry.label(id));
    return { range, hashtags, notes: networks.length > 0 ? [`Networks: ${networks.join(', ')}`] : [] };
  }

  private _renderHeader() {
    const status = this._status;
    const tags = status?.hashtags.map((tag) => `#${tag}`).join(', ');
    const working = this._phase !== 'signed-out';
    return html`<header class="top">
      <div>
        <h1>#jobquality campaign dashboard</h1>
        ${status ? html`<p class="sub">Tracking ${tags || 'no hashtags'} · times in ${status.timeZone}</p>` : nothing}
      </div>
      <div class="actions">
        <span class="updated">
          ${this._busy ? 'Updating…' : this._updatedAt && working ? `Updated ${new Date(this._updatedAt).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' })}` : ''}
        </span>
        <span class="visually-hidden" role="status">${this._announcement}</span>
        ${working ? html`<button type="button" @click=${this._onRefresh} ?disabled=${this._busy}>Refresh</button>` : nothing}
        ${this._phase === 'ready' ? html`<a class="button" href=${postsCsvUrl(this._filters, this._today())} download>Download posts (CSV)</a>` : nothing}
        ${status?.signInRequired && working
          ? html`<form method="post" action="/logout"><button type="submit">Sign out</button></form>`
          : nothing}
      </div>
    </header>`;
  }

  private _renderEmpty(status: StatusResponse) {
    const last = lastRunOf(status);
    return html`<div class="panel state empty">
        <h2>No posts yet</h2>
        ${last
          ? html`<p>No posts yet — the collector last ran at ${formatDateTime(last.at, status.timeZone)} (${last.status.replace('_', ' ')}).</p>
              <p>Posts with ${status.hashtags.map((tag) => `#${tag}`).join(' or ')} appear here after a run finds some. The collector status below shows each network's last run.</p>`
          : html`<p>No posts yet — the collector has not run yet. Start it with <code>npm start</code>; posts appear here after its first run.</p>`}
      </div>
      <div class="grid"><jq-collector-status .status=${status} .registry=${this._registry} .coverage=${null}></jq-collector-status></div>`;
  }

  private _renderError() {
    const error = this._error;
    const badFilter = error instanceof ApiRequestError && error.code === 'invalid_parameter';
    return html`<div class="panel state error" role="alert">
      <h2>The dashboard could not load</h2>
      <p>${messageOf(error)}</p>
      <p>
        <button type="button" @click=${this._onRetry}>Retry</button>
        ${badFilter ? html`<button type="button" @click=${this._onResetFilters}>Reset the filters</button>` : nothing}
      </p>
    </div>`;
  }

  private _renderSignedOut() {
    // Back to this very view after signing in (the sign-in page only follows paths on this server).
    const next = `${window.location.pathname}${window.location.search}`;
    return html`<div class="panel state signed-out" role="alert">
      <h2>Your session has ended — sign in again</h2>
      <p>The dashboard stopped updating because the server no longer recognises this browser's sign-in (it lasts a week, and ends when the token changes).</p>
      <p><a class="button" href=${`/login?next=${encodeURIComponent(next)}`}>Sign in again</a></p>
    </div>`;
  }

  /** The moments a chart of this view marks: those aimed at every network or at one in view. */
  private _momentMarks(data: DashboardData): MomentMark[] {
    return (data.moments.value?.moments ?? [])
      .filter((moment) => moment.network === 'all' || data.view.networks.includes(moment.network))
      .map((moment) => ({ at: moment.at, label: moment.what }));
  }

  /** The time charts from `data`; the moments they mark and the networks chart once `whole` is in. */
  private _renderCharts(data: ChartsData, whole: DashboardData | null, status: StatusResponse) {
    const tz = status.timeZone;
    const caption = this._caption(data, status);
    const moments = whole ? this._momentMarks(whole) : [];
    const noImpressions = data.summary.current.impressionsCoverage === 'none';
    return html`<jq-series-chart
        class="half-plus"
        data-chart="reach"
        name="reach-over-time"
        heading="Reach over time"
        .lines=${[
          ...(noImpressions ? [] : [{ response: data.reach.impressions, color: METRIC_COLORS.impressions, pointStyle: 'circle' as const }]),
          { response: data.reach.potentialReach, color: METRIC_COLORS.potentialReach, pointStyle: 'rectRot' as const },
        ]}
        .moments=${moments}
        note=${noImpressions ? 'No network in this view reports impressions.' : 'Impressions are reported by X only; both lines share one axis, so their sizes compare truly.'}
        .timeZone=${tz}
        .caption=${caption}
      ></jq-series-chart>
      <jq-series-chart
        class="half-minus"
        data-chart="engagements"
        name="engagements-over-time"
        heading="Engagements over time"
        .lines=${[{ response: data.reach.engagements, color: METRIC_COLORS.engagements, pointStyle: 'triangle' as const }]}
        .moments=${moments}
        .timeZone=${tz}
        .caption=${caption}
      ></jq-series-chart>
      ${this._bucket
        ? html`<jq-bucket-posts .label=${this._bucket.label} .from=${this._bucket.start} .to=${this._bucket.end} .posts=${this._bucketPosts} .registry=${this._registry} .timeZone=${tz}></jq-bucket-posts>`
        : nothing}
      <jq-posts-chart class="wide" .series=${data.postsByNetwork} .registry=${this._registry} .moments=${moments} .timeZone=${tz} .caption=${caption}></jq-posts-chart>
      ${whole ? html`<jq-network-chart class="narrow" .networks=${whole.networks} .registry=${this._registry} .caption=${caption}></jq-network-chart>` : nothing}`;
  }

  private _renderLists(data: DashboardData, status: StatusResponse) {
    const tz = status.timeZone;
    const csv = intelligenceCsvUrls(this._filters, this._today());
    const xlsx = intelligenceXlsxUrls(this._filters, this._today());
    return html`<jq-alerts class="half-plus" .alerts=${data.alerts.value} .error=${data.alerts.error} .registry=${this._registry} .timeZone=${tz}></jq-alerts>
      <jq-moments class="half-minus" .moments=${data.moments.value} .error=${data.moments.error} .registry=${this._registry} .timeZone=${tz}></jq-moments>
      <jq-top-posts
        class="half-plus"
        .posts=${data.topPosts}
        .order=${this._filters.topPostsBy}
        .registry=${this._registry}
        .timeZone=${tz}
        ?loadingMore=${this._loadingMore}
        @jq-show-more-posts=${this._onShowMore}
      ></jq-top-posts>
      <jq-top-contributors class="half-minus" .contributors=${data.contributors} .order=${this._filters.contributorsBy} .registry=${this._registry}></jq-top-contributors>
      <jq-co-hashtags class="narrow" .hashtags=${data.coHashtags}></jq-co-hashtags>
      <jq-share-of-voice class="half-plus" .answer=${data.shareOfVoice.value} .error=${data.shareOfVoice.error} .csvUrl=${csv.shareOfVoice} .xlsxUrl=${xlsx.shareOfVoice} .timeZone=${tz} .caption=${this._caption(data, status)}></jq-share-of-voice>
      <jq-amplifiers class="half-minus" .answer=${data.amplifiers.value} .error=${data.amplifiers.error} .csvUrl=${csv.amplifiers} .xlsxUrl=${xlsx.amplifiers} .registry=${this._registry} .timeZone=${tz}></jq-amplifiers>
      <jq-shareables .shareables=${data.shareables}></jq-shareables>
      <jq-collector-status .status=${status} .registry=${this._registry} .coverage=${data.coverage} .now=${this._updatedAt ?? Date.now()}></jq-collector-status>
      <jq-weekly-reports .reports=${data.reports}></jq-weekly-reports>`;
  }

  /** The view: key numbers and time charts from `data`, the other panels once `whole` is in. */
  private _renderViews(data: ChartsData, whole: DashboardData | null, status: StatusResponse) {
    const days = daysInRange(data.view.from, data.view.to);
    const comparedWith = days === 1 ? 'previous day' : `previous ${days} days`;
    const nothingMatches = data.summary.current.posts.total === 0;
    return html`${nothingMatches
        ? html`<p class="notice">
          No posts match these filters from ${formatCalendarDate(data.view.from, { weekday: false })} to ${formatCalendarDate(data.view.to, { weekday: false })}.
          Try a longer period, or another network or hashtag.
        </p>`
        : nothing}
      <section aria-label="Key numbers" class="grid">
        <jq-kpi-cards .summary=${data.summary} .comparedWith=${comparedWith}></jq-kpi-cards>
      </section>
      <div class="grid" @jq-bucket-select=${this._onBucketSelect} @jq-bucket-close=${this._onBucketClose}>
        ${this._renderCharts(data, whole, status)} ${whole ? this._renderLists(whole, status) : nothing}
      </div>
      <footer>
        <p>
          Metric definitions v${data.summary.definitions.version}, engagement formula ${data.summary.definitions.engagementFormulaVersion}.
          Potential reach is an upper bound (followers of the distinct contributors, added up); impressions come from X only.
        </p>
        <p>Days and times are in ${status.timeZone}. ${this.refreshSeconds > 0 ? `The page refreshes every ${this.refreshSeconds} seconds while it is visible.` : ''}</p>
      </footer>`;
  }

  private _renderBody() {
    const status = this._status;
    switch (this._phase) {
      case 'loading':
        return html`<div class="panel state" role="status"><p>Loading the dashboard…</p></div>`;
      case 'error':
        return this._renderError();
      case 'signed-out':
        return this._renderSignedOut();
      case 'empty':
        return status ? this._renderEmpty(status) : nothing;
      case 'ready': {
        const charts = this._data ?? this._charts;
        return charts && status ? this._renderViews(charts, this._data, status) : nothing;
      }
    }
  }

  override render() {
    const status = this._status;
    const filtersShown = this._phase !== 'empty' && this._phase !== 'signed-out';
    return html`${this._renderHeader()}
      ${status?.demo
        ? html`<p class="banner" role="note"><strong>Demo data.</strong> These posts come from the project's own fake X, Bluesky and Mastodon servers, not from the real networks.</p>`
        : nothing}
      ${filtersShown
        ? html`<jq-filter-bar
            .filters=${this._filters}
            .registry=${this._registry}
            .hashtags=${status?.hashtags ?? []}
            .today=${this._today()}
            @jq-filters-change=${this._onFiltersChange}
          ></jq-filter-bar>`
        : nothing}
      ${this._refreshProblem
        ? html`<p class="notice problem" role="alert">${this._refreshProblem} <button type="button" @click=${this._onRetry}>Retry</button></p>`
        : nothing}
      <main aria-busy=${this._busy ? 'true' : 'false'} @jq-filters-change=${this._onFiltersChange}>${this._renderBody()}</main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-dashboard': JqDashboard;
  }
}
