// The parts of Mastodon's REST entities the collector relies on, validated before anything is stored.
// Unknown attributes are dropped; the shapes follow the Status and Account entity docs.
import { z } from 'zod';

const count = z.number().int().nonnegative();

export const mastodonAccountSchema = z.object({
  id: z.string().min(1),
  username: z.string(),
  /** `user` for the server's own accounts, `user@domain` for remote ones. */
  acct: z.string().min(1),
  display_name: z.string(),
  /** Profile page; nullable per the docs. */
  url: z.string().nullable().optional(),
  /** ActivityPub actor id, Mastodon 4.2+. */
  uri: z.string().optional(),
  // Some servers report -1 for hidden counts; that is "unknown", not a shape error.
  followers_count: z.number().int(),
});
export type MastodonAccount = z.infer<typeof mastodonAccountSchema>;

export const mastodonStatusSchema = z.object({
  id: z.string().min(1),
  uri: z.string().min(1),
  url: z.string().nullable().optional(),
  created_at: z.iso.datetime({ offset: true }),
  account: mastodonAccountSchema,
  content: z.string(),
  language: z.string().nullable().optional(),
  in_reply_to_id: z.string().nullable().optional(),
  replies_count: count,
  reblogs_count: count,
  favourites_count: count,
  /** Mastodon 4.5+. */
  quotes_count: count.optional(),
  tags: z.array(z.object({ name: z.string() })),
  mentions: z.array(z.object({ url: z.string() })).optional(),
  card: z.object({ url: z.string() }).nullable().optional(),
  /** Quote or ShallowQuote (4.4+); only its presence matters here. */
  quote: z.object({ state: z.string() }).nullable().optional(),
  /** A boost: the wrapper's own fields are empty, the boosted status is inside. */
  reblog: z.object({ id: z.string(), uri: z.string() }).nullable().optional(),
});
export type MastodonStatus = z.infer<typeof mastodonStatusSchema>;

export const mastodonStatusListSchema = z.array(mastodonStatusSchema);

/** Mastodon's error body: `{"error": "…"}` (sometimes with `error_description`). */
export const mastodonErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });
