// The weekly engagement summaries written so far (REPORTS_DIR), newest first, with a link to each
// format, so comms staff can open or forward last week's report from the dashboard.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { WeeklyReportListing } from '../api/api-types.js';
import { bareListStyles, panelStyles } from '../internal/shared-styles.js';

const FORMAT_LABELS = { html: 'Web page', md: 'Markdown', json: 'JSON' } as const;
/** Older weeks are one scroll away in the reports folder; the dashboard lists the recent ones. */
const WEEKS_SHOWN = 8;

@customElement('jq-weekly-reports')
export class JqWeeklyReports extends LitElement {
  static override styles = [
    panelStyles,
    bareListStyles,
    css`
      li {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
        padding: 0.4rem 0;
        border-top: 1px solid var(--jq-border);
      }
      li:first-child {
        border-top: none;
      }
      .week {
        font-weight: 600;
        min-width: 5.5rem;
      }
      .empty {
        color: var(--jq-muted);
      }
    `,
  ];

  /** The `/api/reports` list, or null before data arrives. */
  @property({ attribute: false }) reports: WeeklyReportListing[] | null = null;

  override render() {
    const reports = this.reports;
    if (!reports) return nothing;
    return html`<section class="panel" aria-labelledby="reports-title">
      <div class="panel-head"><h2 id="reports-title">Weekly reports</h2></div>
      ${reports.length === 0
        ? html`<p class="empty">No weekly report yet: one is written every Monday morning, or run <code>npx jobquality report weekly</code>.</p>`
        : html`<ul>
            ${reports.slice(0, WEEKS_SHOWN).map(
              (report) => html`<li>
                <span class="week">${report.week}</span>
                ${(Object.keys(FORMAT_LABELS) as Array<keyof typeof FORMAT_LABELS>)
                  .filter((format) => report.files[format])
                  .map((format) => html`<a href=${report.files[format]!} target="_blank" rel="noopener">${FORMAT_LABELS[format]}<span class="visually-hidden"> report for ${report.week}</span></a>`)}
              </li>`,
            )}
          </ul>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jq-weekly-reports': JqWeeklyReports;
  }
}
