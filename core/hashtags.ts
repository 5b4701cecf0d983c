// Hashtag normalisation shared by config, adapters and queries: one rule for "same tag".

/** Lower-cases a tag and strips a leading '#', so "#JobQuality" and "jobquality" compare equal. */
export function normalizeHashtag(tag: string): string {
  return tag.trim().replace(/^#/, '').normalize('NFC').toLowerCase();
}

/** The tracked tags that appear among a post's hashtags, in tracked order. */
export function matchTrackedHashtags(postTags: readonly string[], tracked: readonly string[]): string[] {
  const present = new Set(postTags.map(normalizeHashtag));
  return tracked.filter((tag) => present.has(tag));
}
