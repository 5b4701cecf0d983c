// The app's custom events, typed for addEventListener and Lit's @event bindings. Children fire
// them; only <jq-dashboard> acts on them (it owns the filters and the data).
import type { DashboardFilters } from '../state/filters.js';

export interface FiltersChangeDetail {
  /** Only the filters that changed. */
  changes: Partial<DashboardFilters>;
}

export type FiltersChangeEvent = CustomEvent<FiltersChangeDetail>;
export type ShowMorePostsEvent = CustomEvent<undefined>;

/** A chart bucket whose posts the user wants listed. */
export interface BucketSelectDetail {
  /** ISO-8601 UTC start (inclusive) and end (exclusive) of the bucket. */
  start: string;
  end: string;
  /** The bucket as the chart labels it, e.g. "Wed, Nov 4". */
  label: string;
  /** The network the bucket belongs to, when the chart splits by network and one was picked. */
  network?: string;
}

export type BucketSelectEvent = CustomEvent<BucketSelectDetail>;

/** `jq-bucket-select`: the user clicked a chart point (or a table row's button) to list that bucket's posts. */
export function bucketSelectEvent(detail: BucketSelectDetail): BucketSelectEvent {
  return new CustomEvent('jq-bucket-select', { detail, bubbles: true, composed: true });
}

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
    'jq-bucket-select': BucketSelectEvent;
  }
}
