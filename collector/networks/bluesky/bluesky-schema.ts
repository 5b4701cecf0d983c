// The parts of Bluesky's XRPC answers the collector relies on (lexicons app.bsky.* and
// com.atproto.server.*), validated before anything is stored. Unions stay open: unknown
// `$type`s in facets and embeds are tolerated, as the lexicons allow new members.
import { z } from 'zod';

const count = z.number().int().nonnegative();
/** A datetime the API promises to be valid; checked by parsing rather than by one exact format. */
const datetime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), { message: 'is not a datetime' });

export const POST_URI_PATTERN = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/?#]+)$/;

/** com.atproto.server.createSession / refreshSession: only the fields the collector uses. */
export const sessionSchema = z.object({
  did: z.string().startsWith('did:'),
  handle: z.string(),
  accessJwt: z.string().min(1),
  refreshJwt: z.string().min(1),
});
export type BlueskySession = z.infer<typeof sessionSchema>;

/** XRPC error bodies: `{"error": "ExpiredToken", "message": "Token has expired"}`. */
export const xrpcErrorSchema = z.object({ error: z.string(), message: z.string().optional() });

const verification = z.looseObject({ verifiedStatus: z.string() });

export const profileBasicSchema = z.looseObject({
  did: z.string().startsWith('did:'),
  handle: z.string(),
  displayName: z.string().optional(),
  verification: verification.optional(),
});
export type BlueskyProfileBasic = z.infer<typeof profileBasicSchema>;

export const profileDetailedSchema = profileBasicSchema.extend({ followersCount: count.optional() });
export type BlueskyProfileDetailed = z.infer<typeof profileDetailedSchema>;

const facetFeature = z.looseObject({ $type: z.string(), tag: z.string().optional(), uri: z.string().optional() });

const facet = z.looseObject({
  index: z.object({ byteStart: count, byteEnd: count }),
  features: z.array(facetFeature),
});

/** Embeds are an open union whose members nest differently; normalisation reads the few fields it needs. */
const embed = z.looseObject({ $type: z.string() });

/** app.bsky.feed.post, the record inside a postView. createdAt is client-declared, so it is not trusted to parse. */
export const postRecordSchema = z.looseObject({
  text: z.string(),
  createdAt: z.string(),
  facets: z.array(facet).optional(),
  langs: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  reply: z.looseObject({}).optional(),
  embed: embed.optional(),
});
export type BlueskyPostRecord = z.infer<typeof postRecordSchema>;

/** app.bsky.feed.defs#postView. */
export const postViewSchema = z.looseObject({
  uri: z.string().regex(POST_URI_PATTERN, { message: 'is not an at:// URI of an app.bsky.feed.post record' }),
  cid: z.string(),
  author: profileBasicSchema,
  record: postRecordSchema,
  indexedAt: datetime,
  likeCount: count.optional(),
  repostCount: count.optional(),
  replyCount: count.optional(),
  quoteCount: count.optional(),
  bookmarkCount: count.optional(),
});
export type BlueskyPostView = z.infer<typeof postViewSchema>;

export const searchPostsSchema = z.object({
  cursor: z.string().optional(),
  hitsTotal: count.optional(),
  posts: z.array(postViewSchema),
});
export type BlueskySearchPage = z.infer<typeof searchPostsSchema>;

export const getPostsSchema = z.object({ posts: z.array(postViewSchema) });
export type BlueskyPostsAnswer = z.infer<typeof getPostsSchema>;

/** com.atproto.repo.getRecord: only whether the record exists matters here. */
export const getRecordSchema = z.object({ uri: z.string(), cid: z.string().optional(), value: z.unknown() });
export type BlueskyRecordAnswer = z.infer<typeof getRecordSchema>;

export const getProfilesSchema = z.object({ profiles: z.array(profileDetailedSchema) });
export type BlueskyProfilesAnswer = z.infer<typeof getProfilesSchema>;
