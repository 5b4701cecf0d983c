// The pure generator: resources × templates → ready-made posts for every share network, each within
// that network's limit. Nothing is ever truncated: a template's forms run longest first and the first
// that fits is used; when none fits, the post is reported as unavailable instead of produced too long.
import { normalizeHashtag } from '../core/hashtags.js';
import type { Content, Resource, ResourceKind, Template } from './content-schema.js';
import { networkLabel, shareNetworkIds, type ShareNetwork } from './networks.js';
import { measurePost } from './post-length.js';
import { fillTemplate, isPlaceholder, placeholdersIn, type TemplateFields } from './templates.js';
import { addUtmTags } from './utm.js';

/** The campaign's own hashtag: on every post, whatever else is configured. */
export const CAMPAIGN_HASHTAG = 'jobquality';

/** One message (a resource told through one template); its posts are its renditions per network. */
export interface Shareable {
  /** `<resource id>.<template id>`: utm_content of its links and the id in /s/<shareable>/<network>. */
  id: string;
  resourceId: string;
  templateId: string;
  kind: ResourceKind;
}

/** A ready-made post: one shareable on one network. */
export interface SharePost {
  shareableId: string;
  resourceId: string;
  templateId: string;
  kind: ResourceKind;
  network: ShareNetwork;
  /** The whole post as published: message, hashtags, then the tagged link on its own line. */
  text: string;
  /** The resource URL with this network's UTM tags; always the last thing in `text`. */
  link: string;
  /** Length in the network's own counting, and its limit. */
  length: number;
  limit: number;
  /** Which of the template's forms was used (0 = the longest). */
  form: number;
}

export type UnavailableReason = 'too-long' | 'invalid-characters' | 'missing-fields' | 'duplicate';

/** A shareable that could not be produced for a network, and why. */
export interface UnavailablePost {
  shareableId: string;
  resourceId: string;
  network: ShareNetwork;
  reason: UnavailableReason;
  message: string;
}

export interface GeneratedShareables {
  /** utm_campaign of every link. */
  campaign: string;
  /** Hashtags every post carries, as written (without '#'). */
  hashtags: string[];
  shareables: Shareable[];
  posts: SharePost[];
  unavailable: UnavailablePost[];
}

export interface GenerateOptions {
  /** Tracked hashtags (TRACK_HASHTAGS): posts must carry them for the collector to find them. */
  hashtags: readonly string[];
}

const HASHTAG_IN_TEXT = /(?<![\p{L}\p{N}_&/#])#([\p{L}\p{N}_]+)/gu;

/** The hashtags every post carries: #jobquality first, then tracked tags, then the campaign's, each once, in the content file's casing. */
export function requiredHashtags(content: Content, tracked: readonly string[]): string[] {
  const display = new Map(content.campaign.hashtags.map((tag) => [normalizeHashtag(tag), tag]));
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const tag of [CAMPAIGN_HASHTAG, ...tracked, ...content.campaign.hashtags]) {
    const key = normalizeHashtag(tag);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    tags.push(display.get(key) ?? key);
  }
  return tags;
}

function fieldsOf(resource: Resource): TemplateFields {
  return {
    title: resource.title,
    summary: resource.summary,
    stat: resource.stat,
    quote: resource.quote.text,
    attribution: resource.quote.attribution,
    when: resource.when,
  };
}

/** The message with the required hashtags it does not already use appended on their own line. */
function withHashtags(message: string, hashtags: readonly string[]): string {
  const present = new Set([...message.matchAll(HASHTAG_IN_TEXT)].map((match) => normalizeHashtag(match[1] ?? '')));
  const missing = hashtags.filter((tag) => !present.has(normalizeHashtag(tag)));
  return missing.length > 0 ? `${message}\n\n${missing.map((tag) => `#${tag}`).join(' ')}` : message;
}

function renderForNetwork(
  resource: Resource,
  template: Template,
  shareable: Shareable,
  network: ShareNetwork,
  campaign: string,
  hashtags: readonly string[],
  used: Set<string>,
): SharePost | UnavailablePost {
  const link = addUtmTags(resource.url, { source: network, campaign, content: shareable.id });
  const fields = fieldsOf(resource);
  let shortest: number | null = null;
  let limit = 0;
  let duplicate = false;
  for (const [form, pattern] of template.forms.entries()) {
    const message = fillTemplate(pattern, fields);
    if (message === null) continue;
    const body = withHashtags(message, hashtags);
    const text = `${body}\n\n${link}`;
    const measured = measurePost(network, text);
    limit = measured.limit;
    if (!measured.fits) {
      shortest = Math.min(shortest ?? Infinity, measured.length);
      continue;
    }
    if (used.has(body)) {
      duplicate = true;
      continue;
    }
    used.add(body);
    return { shareableId: shareable.id, resourceId: resource.id, templateId: template.id, kind: resource.kind, network, text, link, length: measured.length, limit, form };
  }
  const base = { shareableId: shareable.id, resourceId: resource.id, network };
  const where = `"${resource.id}" with template ${resource.kind}/${template.id} on ${networkLabel(network)}`;
  if (duplicate) return { ...base, reason: 'duplicate', message: `${where}: every form that fits repeats another ${networkLabel(network)} post; add a form that says something different` };
  if (shortest !== null && shortest <= limit) return { ...base, reason: 'invalid-characters', message: `${where}: it contains characters ${networkLabel(network)} refuses (such as U+FFFE or U+FFFF); remove them` };
  if (shortest !== null) return { ...base, reason: 'too-long', message: `${where}: the shortest form is ${shortest} of ${limit}; add a shorter form or shorten the resource's fields` };
  const needed = [...new Set(template.forms.flatMap(placeholdersIn))].filter((name) => !isPlaceholder(name) || fields[name] === undefined);
  return { ...base, reason: 'missing-fields', message: `${where}: every form needs ${needed.map((name) => `{${name}}`).join(' or ')}, which this resource leaves empty` };
}

/**
 * Turns the content into posts: for each resource (in file order), each template of its kind,
 * each network the template is for. Deterministic, and no two posts on a network share a message.
 */
export function generateShareables(content: Content, options: GenerateOptions): GeneratedShareables {
  const hashtags = requiredHashtags(content, options.hashtags);
  const campaign = content.campaign.name;
  const usedByNetwork = new Map<ShareNetwork, Set<string>>(shareNetworkIds().map((network) => [network, new Set()]));
  const shareables: Shareable[] = [];
  const posts: SharePost[] = [];
  const unavailable: UnavailablePost[] = [];
  for (const resource of content.resources) {
    for (const template of content.templates[resource.kind] ?? []) {
      const shareable: Shareable = { id: `${resource.id}.${template.id}`, resourceId: resource.id, templateId: template.id, kind: resource.kind };
      let produced = false;
      for (const network of shareNetworkIds()) {
        if (template.networks && !template.networks.includes(network)) continue;
        const result = renderForNetwork(resource, template, shareable, network, campaign, hashtags, usedByNetwork.get(network)!);
        if ('text' in result) {
          posts.push(result);
          produced = true;
        } else unavailable.push(result);
      }
      if (produced) shareables.push(shareable);
    }
  }
  return { campaign, hashtags, shareables, posts, unavailable };
}
