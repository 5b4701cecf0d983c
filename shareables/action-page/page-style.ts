// The action page's stylesheet, shipped as action-page.css. Kept as a string in a module so the
// compiled CLI (dist/) carries it without a separate asset copy step.

/** Phone first: system fonts, a compact opening, 44 px touch targets, visible focus, no external resources. */
export const ACTION_PAGE_CSS = `:root {
  --ink: #1b2328;
  --muted: #4d5a62;
  --paper: #ffffff;
  --wash: #f4f1ea;
  --line: #d5d9dc;
  --accent: #1f4e5f;
  --accent-ink: #ffffff;
  --focus: #b3470f;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.45;
  color: var(--ink);
  background: var(--wash);
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 40rem; padding: 0 0.75rem; }
h1 { font-size: 1.3rem; line-height: 1.25; margin: 0.75rem 0 0.25rem; }
h2 { font-size: 1.05rem; line-height: 1.3; margin: 0; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.why { margin: 0 0 0.75rem; color: var(--muted); }
.picker { background: var(--paper); border-radius: 10px; padding: 0.5rem 0.75rem; margin: 0 0 0.75rem; }
.picker-network { display: flex; align-items: center; gap: 0.5rem; }
.picker-network label { font-weight: 700; white-space: nowrap; }
.picker select { flex: 1; min-width: 0; min-height: 2.75rem; font: inherit; padding: 0.25rem 0.5rem; border: 1px solid var(--muted); border-radius: 8px; background: var(--paper); color: var(--ink); }
.hint { margin: 0.4rem 0 0; font-size: 0.9rem; color: var(--muted); }
#mastodon-line:not([hidden]) { display: flex; align-items: center; flex-wrap: wrap; margin: 0; }
.link-button { font: inherit; color: var(--accent); background: none; border: none; padding: 0 0.25rem; min-height: 2.75rem; text-decoration: underline; cursor: pointer; }
.picker select { max-width: 22rem; }
/* One row that scrolls sideways on a narrow phone, rather than a second row pushing the posts down. */
.kinds { border: 0; padding: 0 0 2px; margin: 0.5rem 0 0; min-width: 0; display: flex; gap: 0.25rem; overflow-x: auto; scrollbar-width: none; }
.chip { flex: none; position: relative; display: inline-flex; align-items: center; justify-content: center; min-height: 2.75rem; min-width: 2.75rem; padding: 0 0.55rem; border: 1px solid var(--line); border-radius: 999px; font-size: 0.9rem; cursor: pointer; background: var(--paper); }
.chip input { position: absolute; opacity: 0; inset: 0; margin: 0; cursor: pointer; }
.chip:has(input:checked) { background: var(--accent); border-color: var(--accent); color: var(--accent-ink); font-weight: 600; }
.chip:has(input:focus-visible) { outline: 3px solid var(--focus); outline-offset: -3px; }
.cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
.card { background: var(--paper); border-radius: 10px; padding: 0.75rem; display: flex; flex-direction: column; }
.card-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 0.75rem; }
.card-head img { flex: none; width: 4rem; height: 4rem; object-fit: cover; border-radius: 8px; }
.card-kind { margin: 0; font-size: 0.85rem; font-weight: 600; color: var(--muted); }
.post-text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.5rem 0 0.75rem; padding: 0.5rem 0.65rem; background: #f6f7f7; border-left: 3px solid var(--accent); border-radius: 4px; }
.actions { display: flex; gap: 0.5rem; margin-top: auto; }
.button {
  display: inline-flex; align-items: center; justify-content: center; min-height: 2.75rem; min-width: 2.75rem;
  padding: 0.4rem 1rem; border-radius: 8px; border: 2px solid var(--accent); font: inherit; font-weight: 600;
  text-decoration: none; cursor: pointer; background: var(--paper); color: var(--accent);
}
.button.primary { background: var(--accent); color: var(--accent-ink); }
.actions .share { flex: 1; }
.button.small { font-weight: 500; padding: 0.3rem 0.75rem; margin: 0.25rem 0.25rem 0 0; border-width: 1px; }
.button:hover { filter: brightness(0.95); }
.also { margin: 0.5rem 0 0; color: var(--muted); }
dialog { border: none; border-radius: 10px; padding: 1.25rem; max-width: min(30rem, calc(100vw - 2rem)); }
dialog::backdrop { background: rgba(0, 0, 0, 0.5); }
dialog h2 { margin-bottom: 0.5rem; }
dialog input { width: 100%; min-height: 2.75rem; font: inherit; padding: 0.25rem 0.5rem; margin: 0.25rem 0 0.5rem; }
.error { color: #a11; min-height: 1.5em; margin: 0 0 0.5rem; }
.offscreen { position: fixed; top: 0; left: -9999px; opacity: 0; }
footer.site { color: var(--muted); font-size: 0.85rem; margin: 1.5rem 0 1rem; }
[hidden] { display: none !important; }
@media (min-width: 48rem) {
  body { max-width: 64rem; padding: 0 1.5rem; }
  h1 { font-size: 1.75rem; }
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  /* One row on a wide screen: the network, then the kinds; notes about the network below them. */
  .picker:not([hidden]) { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; }
  .picker-network { flex: 1 1 18rem; max-width: 26rem; }
  .kinds { order: 1; margin: 0; }
  .picker .hint { order: 2; flex-basis: 100%; margin: 0; }
}
@media (prefers-reduced-motion: no-preference) { .button { transition: filter 0.1s; } }
`;
