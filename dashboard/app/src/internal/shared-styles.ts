// Styles shared by the components' shadow roots: panels, tables, buttons and the data-table
// disclosure. Colours come from custom properties set in styles/global.css (they pierce shadow DOM).
import { css } from 'lit';

export const panelStyles = css`
  :host {
    display: block;
    color: var(--jq-text);
  }
  .panel {
    background: var(--jq-card);
    border: 1px solid var(--jq-border);
    border-radius: 10px;
    padding: 1rem;
    min-width: 0;
  }
  @media (max-width: 480px) {
    .panel {
      padding: 0.75rem;
    }
  }
  .panel-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5rem;
    margin-bottom: 0.5rem;
  }
  h2 {
    font-size: 1.05rem;
    margin: 0;
  }
  .note {
    color: var(--jq-muted);
    font-size: 0.85rem;
    margin: 0.25rem 0 0;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  :focus-visible {
    outline: 3px solid var(--jq-focus);
    outline-offset: 2px;
  }
  a {
    color: var(--jq-link);
  }
`;

/** A list drawn as cards or rows rather than bullets. */
export const bareListStyles = css`
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
`;

export const controlStyles = css`
  button,
  select,
  input {
    font: inherit;
    color: var(--jq-text);
    background: var(--jq-card);
    border: 1px solid var(--jq-control-border);
    border-radius: 6px;
    padding: 0.35rem 0.6rem;
    min-height: 2.25rem;
  }
  button {
    cursor: pointer;
  }
  button:hover {
    background: var(--jq-hover);
  }
  button[aria-pressed='true'] {
    background: var(--jq-accent);
    border-color: var(--jq-accent);
    color: #fff;
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  label {
    font-size: 0.85rem;
    color: var(--jq-muted);
  }
`;

export const tableStyles = css`
  details {
    margin-top: 0.75rem;
  }
  summary {
    cursor: pointer;
    color: var(--jq-link);
    font-size: 0.9rem;
    width: fit-content;
  }
  .table-scroll {
    overflow-x: auto;
    max-height: 22rem;
    overflow-y: auto;
    margin-top: 0.5rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.85rem;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: left;
    color: var(--jq-muted);
    padding-bottom: 0.35rem;
  }
  th,
  td {
    padding: 0.3rem 0.5rem;
    border-bottom: 1px solid var(--jq-border);
    text-align: right;
    white-space: nowrap;
  }
  th:first-child,
  td:first-child {
    text-align: left;
  }
  thead th {
    position: sticky;
    top: 0;
    background: var(--jq-card);
  }
  @media (max-width: 480px) {
    th,
    td {
      padding: 0.3rem 0.3rem;
    }
  }
`;

/** Lists of posts and people (top posts, a bucket's posts, an alert's drivers): ruled rows, text kept as written. */
export const postListStyles = css`
  ol.posts,
  ul.posts {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .posts > li {
    border-top: 1px solid var(--jq-border);
    padding: 0.6rem 0;
  }
  .byline {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    align-items: baseline;
    font-size: 0.85rem;
    color: var(--jq-muted);
  }
  .author {
    color: var(--jq-text);
    font-weight: 600;
  }
  .badge {
    border: 1px solid var(--jq-border);
    border-radius: 999px;
    padding: 0 0.45rem;
    font-size: 0.75rem;
    color: var(--jq-text);
  }
  .text {
    margin: 0.35rem 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    line-height: 1.4;
  }
  .empty {
    color: var(--jq-muted);
  }
  .problem {
    color: var(--jq-down);
  }
`;

/** Everything a chart panel draws (chart-element.ts renderChartPanel); each chart sets its `.canvas-box` height. */
export const chartPanelStyles = [
  panelStyles,
  controlStyles,
  tableStyles,
  css`
    .canvas-box {
      position: relative;
      height: 260px;
    }
    td.not-collected {
      color: var(--jq-muted);
      font-style: italic;
    }
    button.link {
      min-height: 1.8rem;
      font-size: 0.8rem;
    }
  `,
];

/** A table of people (top contributors, amplifiers): the name column wraps, handles under the name may break anywhere. */
export const peopleTableStyles = css`
  .table-scroll {
    max-height: none;
  }
  td.who,
  th.who {
    text-align: left;
    white-space: normal;
    overflow-wrap: break-word;
    min-width: 6.5rem;
  }
  thead th {
    white-space: normal;
  }
  .handle {
    display: block;
    font-weight: normal;
    /* Handles are long single words (bsky.social); let them break so the numbers fit a phone. */
    overflow-wrap: anywhere;
    color: var(--jq-muted);
    font-size: 0.78rem;
  }
`;
