// The parts of X API v2 responses the collector relies on, validated before anything is stored.
import { z } from 'zod';

const idString = z.string().regex(/^[0-9]{1,19}$/);

const publicMetrics = z.object({
  retweet_count: z.number().int().nonnegative(),
  reply_count: z.number().int().nonnegative(),
  like_count: z.number().int().nonnegative(),
  quote_count: z.number().int().nonnegative(),
  // Older posts and some access levels omit these two.
  bookmark_count: z.number().int().nonnegative().optional(),
  impression_count: z.number().int().nonnegative().optional(),
});

const entities = z.object({
  hashtags: z.array(z.object({ tag: z.string() })).optional(),
  urls: z.array(z.object({ url: z.string(), expanded_url: z.string().optional(), unwound_url: z.string().optional() })).optional(),
});

export const xTweetSchema = z.object({
  id: idString,
  text: z.string(),
  // A default field on posts created since 29 September 2022; older posts and recordings lack it.
  edit_history_tweet_ids: z.array(idString).min(1).optional(),
  // A long post's whole text (X's `text` stops near 280 characters); only sent when asked for.
  note_tweet: z.object({ text: z.string(), entities: entities.optional() }).optional(),
  author_id: idString,
  created_at: z.iso.datetime({ offset: true }),
  lang: z.string().optional(),
  conversation_id: idString.optional(),
  public_metrics: publicMetrics,
  referenced_tweets: z.array(z.object({ type: z.enum(['retweeted', 'quoted', 'replied_to']), id: idString })).optional(),
  entities: entities.optional(),
});
export type XTweet = z.infer<typeof xTweetSchema>;

export const xUserSchema = z.object({
  id: idString,
  username: z.string(),
  name: z.string().optional(),
  verified: z.boolean().optional(),
  public_metrics: z.object({ followers_count: z.number().int().nonnegative() }).optional(),
});
export type XUser = z.infer<typeof xUserSchema>;

export const xProblemSchema = z.object({
  title: z.string(),
  type: z.string(),
  detail: z.string().optional(),
  parameter: z.string().optional(),
  resource_id: z.string().optional(),
  resource_type: z.string().optional(),
  value: z.string().optional(),
});
export type XProblem = z.infer<typeof xProblemSchema>;

// includes.tweets are the posts that data's posts reference (retweeted originals, quoted posts,
// parents); X may list one more than once (the recorded kpop page does).
const includes = z.object({ users: z.array(xUserSchema).optional(), tweets: z.array(xTweetSchema).optional() }).optional();

export const xSearchResponseSchema = z.object({
  data: z.array(xTweetSchema).optional(),
  includes,
  errors: z.array(xProblemSchema).optional(),
  meta: z.object({
    result_count: z.number().int().nonnegative(),
    newest_id: idString.optional(),
    oldest_id: idString.optional(),
    next_token: z.string().optional(),
  }),
});
export type XSearchResponse = z.infer<typeof xSearchResponseSchema>;

export const xLookupResponseSchema = z.object({
  data: z.array(xTweetSchema).optional(),
  includes,
  errors: z.array(xProblemSchema).optional(),
});
export type XLookupResponse = z.infer<typeof xLookupResponseSchema>;

/** X's answer when the plan's usage cap is spent (OpenAPI UsageCapExceededProblem), sent with HTTP 429. */
export const xUsageCapProblemSchema = z.object({
  title: z.string(),
  type: z.string().refine((type) => type.endsWith('/problems/usage-capped')),
  detail: z.string().optional(),
  period: z.string().optional(),
  scope: z.string().optional(),
});
export type XUsageCapProblem = z.infer<typeof xUsageCapProblemSchema>;
