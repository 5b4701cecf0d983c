// GET /api/hashtags: the hashtags used most alongside the tracked ones.
import { z } from 'zod';
import { count } from './common.js';

export const coHashtag = z.strictObject({ tag: z.string(), posts: count });

export const hashtagsAnswer = z.strictObject({ hashtags: z.array(coHashtag) });
