// The app's custom events, typed for addEventListener and Lit's @event bindings. Children fire
// them; only <jq-dashboard> acts on them (it owns the filters and the data).
import type { DashboardFilters } from '../state/filters.js';

export interface FiltersChangeDetail {
  /** Only the filters that changed. */
  changes: Partial<DashboardFilters>;
}

export type FiltersChangeEvent = CustomEvent<FiltersChangeDetail>;
export type ShowMorePostsEvent = CustomEvent<undefined>;

/** `jq-filters-change`: the user asked for a different view. */
export function filtersChangeEvent(changes: Partial<DashboardFilters>): FiltersChangeEvent {
  return new CustomEvent('jq-filters-change', { detail: { changes }, bubbles: true, composed: true });
}

/** `jq-show-more-posts`: the user asked for more of the top posts list. */
export function showMorePostsEvent(): ShowMorePostsEvent {
  return new CustomEvent('jq-show-more-posts', { detail: undefined, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    'jq-filters-change': FiltersChangeEvent;
    'jq-show-more-posts': ShowMorePostsEvent;
  }
}
