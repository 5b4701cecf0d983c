// A table of numbers in a keyboard-scrollable region (the charts' data tables, the lists that are
// tables): one markup, so every table has its label, caption and sticky head the same way.
import { html, type TemplateResult } from 'lit';

export interface DataTable {
  /** Names the scrollable region for screen readers. */
  label: string;
  caption: string;
  /** Keep the caption for screen readers only (the panel's title already says it). */
  captionHidden?: boolean;
  /** The header row(s). */
  head: TemplateResult;
  rows: unknown;
}

export function dataTable(table: DataTable): TemplateResult {
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label=${table.label}>
    <table>
      <caption class=${table.captionHidden ? 'visually-hidden' : ''}>${table.caption}</caption>
      <thead>
        ${table.head}
      </thead>
      <tbody>
        ${table.rows}
      </tbody>
    </table>
  </div>`;
}
