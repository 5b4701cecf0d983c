// What staff must fix before the action page goes public: example links, events that are over,
// link previews that will look wrong. Shown by `shareables check` and `build` and in the dashboard,
// never on the public page. Pure.
import { extname } from 'node:path';
import type { Content } from './content-schema.js';

export interface WarningOptions {
  /** The page's public address (see actionPageUrl), or null when unknown. */
  pageUrl: string | null;
  /** Today's date (YYYY-MM-DD) in the campaign's time zone. */
  today: string;
}

const PREVIEW_TYPES = new Set(['.png', '.jpg', '.jpeg']);

/** One sentence per problem, each saying what to do; empty when the content is ready to publish. */
export function contentWarnings(content: Content, options: WarningOptions): string[] {
  const warnings: string[] = [];
  const examples = content.resources.filter((resource) => resource.example);
  if (examples.length > 0) {
    const ids = examples.map((resource) => resource.id).join(', ');
    warnings.push(`${examples.length === 1 ? '1 resource links' : `${examples.length} resources link`} to example pages (${ids}): replace each url with the real page and remove "example: true" before publishing.`);
  }
  for (const resource of content.resources) {
    if (resource.date !== undefined && resource.date < options.today) warnings.push(`The event "${resource.id}" was on ${resource.date}: it is left off the action page; remove it or give it a new date.`);
  }
  const image = content.campaign.image;
  if (!image) warnings.push('campaign.image is not set: when the page itself is shared, its link preview has no picture (use a 1200×630 PNG or JPEG).');
  else if (!PREVIEW_TYPES.has(extname(image.src).toLowerCase())) warnings.push(`campaign.image is ${extname(image.src) || 'not a PNG or JPEG'}: X, Facebook and chat apps show only PNG or JPEG link previews; use a 1200×630 PNG or JPEG.`);
  if (!options.pageUrl) warnings.push('The page\'s public address is unknown (set campaign.pageUrl, or PUBLIC_BASE_URL when the tracker serves it): link previews get a relative image address, which some apps ignore.');
  return warnings;
}
