// The action page's stylesheet, shipped as action-page.css. Kept as a string in a module so the
// compiled CLI (dist/) carries it without a separate asset copy step.

/** Mobile-first, system fonts, large touch targets, visible focus, no external resources. */
export const ACTION_PAGE_CSS = `:root {
  --ink: #1b2328;
  --muted: #4d5a62;
  --paper: #ffffff;
  --wash: #f4f1ea;
  --accent: #1f4e5f;
  --accent-ink: #ffffff;
  --warn: #7a4a00;
  --warn-wash: #fff4d6;
  --focus: #b3470f;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.5;
  color: var(--ink);
  background: var(--wash);
}
* { box-sizing: border-box; }
body { margin: 0; }
.wrap { max-width: 48rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0.5rem 0; }
h2 { font-size: 1.35rem; margin: 2rem 0 0.75rem; }
h3 { font-size: 1.15rem; margin: 0 0 0.25rem; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.skip-link { position: absolute; left: -999px; top: 0; background: var(--paper); padding: 0.5rem 1rem; }
.skip-link:focus { left: 1rem; }
.notice { background: var(--warn-wash); color: var(--warn); border-left: 4px solid var(--warn); padding: 0.75rem 1rem; margin: 1rem 0; }
.filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: end; background: var(--paper); padding: 0.75rem 1rem; border-radius: 8px; }
.filters label { display: block; font-weight: 600; font-size: 0.95rem; }
.filters select, .filters button { min-height: 2.75rem; font: inherit; }
select { padding: 0.25rem 0.5rem; border: 1px solid var(--muted); border-radius: 6px; background: var(--paper); color: var(--ink); }
.count { color: var(--muted); margin: 0.75rem 0; }
.resource { background: var(--paper); border-radius: 8px; padding: 1rem; margin: 0 0 1rem; }
.resource img { display: block; max-width: 100%; height: auto; border-radius: 6px; margin: 0.5rem 0; }
.resource .meta { color: var(--muted); margin: 0; font-size: 0.95rem; }
.example { display: inline-block; background: var(--warn-wash); color: var(--warn); font-size: 0.85rem; font-weight: 600; padding: 0 0.5rem; border-radius: 4px; }
.stat { font-weight: 600; }
blockquote { margin: 0.75rem 0; padding-left: 1rem; border-left: 3px solid var(--accent); }
blockquote p { margin: 0; }
.posts { list-style: none; margin: 1rem 0 0; padding: 0; display: grid; gap: 0.75rem; }
.post { border: 1px solid #d5d9dc; border-radius: 8px; padding: 0.75rem; }
.post-head { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; margin: 0 0 0.5rem; }
.network { font-weight: 700; }
.badge { font-variant-numeric: tabular-nums; font-size: 0.9rem; color: var(--muted); background: var(--wash); border-radius: 999px; padding: 0 0.6rem; }
.post-text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0 0 0.75rem; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.button {
  display: inline-flex; align-items: center; justify-content: center; min-height: 2.75rem; min-width: 2.75rem;
  padding: 0.4rem 1rem; border-radius: 6px; border: 2px solid var(--accent); font: inherit; font-weight: 600;
  text-decoration: none; cursor: pointer; background: var(--paper); color: var(--accent);
}
.button.primary { background: var(--accent); color: var(--accent-ink); }
.button:hover { filter: brightness(0.95); }
dialog { border: none; border-radius: 8px; padding: 1.25rem; max-width: min(30rem, calc(100vw - 2rem)); }
dialog::backdrop { background: rgba(0, 0, 0, 0.5); }
dialog input { width: 100%; min-height: 2.75rem; font: inherit; padding: 0.25rem 0.5rem; margin: 0.25rem 0 0.5rem; }
.error { color: #a11; min-height: 1.5em; margin: 0 0 0.5rem; }
.offscreen { position: fixed; top: 0; left: -9999px; opacity: 0; }
footer.site { color: var(--muted); font-size: 0.9rem; margin: 2rem 0 1rem; }
[hidden] { display: none !important; }
@media (prefers-reduced-motion: no-preference) { .button { transition: filter 0.1s; } }
`;
