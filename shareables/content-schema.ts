// The shape of the campaign's content file (resources, message templates, campaign settings),
// checked with zod so every mistake is reported with the field it is in.
import { isAbsolute, normalize } from 'node:path';
import { z } from 'zod';
import { collectedNetworkIds, isCollectedNetwork } from '../core/networks.js';
import { isShareNetwork, shareNetworkIds } from './networks.js';
import { isPlaceholder, PLACEHOLDERS, placeholdersIn } from './templates.js';

export const RESOURCE_KINDS = ['exemplar', 'tool', 'conversation', 'research'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** How each kind is named to supporters on the action page. */
export const KIND_LABELS: Readonly<Record<ResourceKind, string>> = {
  exemplar: 'Stories',
  tool: 'Tools',
  conversation: 'Events',
  research: 'Research',
};

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LONE_SURROGATE = /\p{Cs}/u;

const text = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty' })
  .refine((value) => !LONE_SURROGATE.test(value), { message: 'contains a broken character (a lone UTF-16 surrogate)' });

const slug = (what: string) =>
  z.string().max(40, { message: `must be at most 40 characters (it goes into links)` }).regex(SLUG, {
    message: `${what} must be lower-case letters, digits and single hyphens, like "good-jobs-guide"`,
  });

const httpUrl = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), { message: 'must be a full http(s) URL, like https://example.org/page' });

const hashtag = z
  .string()
  .trim()
  .transform((value) => value.replace(/^#/, ''))
  .refine((value) => /^[\p{L}\p{N}_]+$/u.test(value), { message: 'must be a hashtag of letters, digits and _ (with or without #)' });

const image = z.strictObject({
  // A local file, because the action page makes no requests to other sites.
  src: z
    .string()
    .trim()
    .refine((value) => value !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(value) && !isAbsolute(value) && !normalize(value).startsWith('..'), {
      message: 'must be a path relative to the content file (for example images/guide.svg); the action page loads nothing from other sites, so save the image next to the content file',
    }),
  alt: text,
});

const quote = z.strictObject({ text, attribution: text });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// A calendar date (YYYY-MM-DD) that exists: the action page orders events by it and leaves past ones off.
const calendarDate = z
  .string()
  .trim()
  .refine((value) => ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    message: 'must be a date written YYYY-MM-DD, like 2027-03-11 (quote it if your editor changes it)',
  });

const resource = z.strictObject({
  id: slug('id'),
  kind: z.enum(RESOURCE_KINDS),
  title: text,
  url: httpUrl,
  summary: text,
  stat: text.optional(),
  when: text.optional(),
  /** The event's date (the day it happens, or its last day): events still to come are shown first, past ones left off. */
  date: calendarDate.optional(),
  quote,
  image: image.optional(),
  /** The URL is a stand-in that must be replaced before publishing. */
  example: z.boolean().default(false),
});

const templateForm = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty' })
  .superRefine((form, ctx) => {
    for (const name of placeholdersIn(form)) {
      if (name === 'url' || name === 'link') {
        ctx.addIssue({ code: 'custom', message: `{${name}} is not needed: the tagged link is added at the end of every post` });
      } else if (name === 'hashtags') {
        ctx.addIssue({ code: 'custom', message: '{hashtags} is not needed: the campaign hashtags are added to every post that does not already use them' });
      } else if (!isPlaceholder(name)) {
        ctx.addIssue({ code: 'custom', message: `unknown placeholder {${name}}; use one of ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` });
      }
    }
  });

const template = z.strictObject({
  id: slug('id'),
  /** Only for these networks (for example a long form for LinkedIn and Facebook); default all. */
  networks: z.array(z.string().refine(isShareNetwork, { message: `must be one of ${shareNetworkIds().join(', ')}` })).min(1, { message: 'must list at least one network, or be left out for all' }).optional(),
  /** Longest first: the generator takes the first that fits a network, so later forms are the shorter fallbacks. */
  forms: z.array(templateForm).min(1, { message: 'must have at least one form' }),
});

// A campaign moment (launch, newsletter, webinar, press mention): when it happened, what it was and
// which network it was aimed at ('all' when it was not one network's). Its lift is measured over the
// 48 hours after it (reports/moments/measure-moments.ts).
const moment = z.strictObject({
  at: z
    .string()
    .trim()
    .refine((value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)), {
      message: 'must be a date and time with its UTC offset, like 2026-11-30T09:00:00-05:00 or 2026-11-30T14:00:00Z',
    }),
  what: text,
  network: z
    .string()
    .trim()
    .default('all')
    // Checked when validating, so a network registered after this module loaded is known.
    .superRefine((value, ctx) => {
      if (value !== 'all' && !isCollectedNetwork(value)) ctx.addIssue({ code: 'custom', message: `must be "all" or one of the collected networks (${collectedNetworkIds().join(', ')})` });
    }),
});

const templateList = z.array(template).min(1, { message: 'must have at least one template' });

export const ContentSchema = z
  .strictObject({
    campaign: z.strictObject({
      /** Becomes utm_campaign on every link. */
      name: slug('name'),
      title: text,
      description: text,
      /** Added to every post besides #jobquality and the tracked tags; write them as people should read them (#FixWork). */
      hashtags: z.array(hashtag).default([]),
      /** Why a supporter's share matters, in a sentence or two: the action page's opening line. */
      why: text.max(240, { message: 'must be at most 240 characters: it opens the page on a phone, above the first post' }).optional(),
      /** The link preview image (Open Graph, X cards): PNG or JPEG, ideally 1200×630. */
      image: image.optional(),
      /** Where the action page is published; link previews need it for absolute links. Default: PUBLIC_BASE_URL/action/. */
      pageUrl: httpUrl.optional(),
    }),
    resources: z.array(resource).min(1, { message: 'must list at least one resource' }),
    templates: z.strictObject({
      exemplar: templateList.optional(),
      tool: templateList.optional(),
      conversation: templateList.optional(),
      research: templateList.optional(),
    }),
    moments: z.array(moment).default([]),
  })
  .superRefine((content, ctx) => {
    const seen = new Map<string, number>();
    content.resources.forEach((item, index) => {
      const first = seen.get(item.id);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['resources', index, 'id'], message: `"${item.id}" is already the id of resources[${first}]; ids must be unique` });
      } else seen.set(item.id, index);
      if (!content.templates[item.kind]) {
        ctx.addIssue({ code: 'custom', path: ['resources', index, 'kind'], message: `there are no templates for kind "${item.kind}"; add templates.${item.kind}` });
      }
    });
    for (const kind of RESOURCE_KINDS) {
      const ids = new Set<string>();
      content.templates[kind]?.forEach((item, index) => {
        if (ids.has(item.id)) ctx.addIssue({ code: 'custom', path: ['templates', kind, index, 'id'], message: `"${item.id}" is already used by another ${kind} template; ids must be unique per kind` });
        ids.add(item.id);
      });
    }
  });

/** The validated content file. */
export type Content = z.output<typeof ContentSchema>;
export type Resource = Content['resources'][number];
export type Template = NonNullable<Content['templates'][ResourceKind]>[number];
export type ContentImage = NonNullable<Resource['image']>;
export type CampaignMoment = Content['moments'][number];
