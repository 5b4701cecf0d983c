// The plain-text summary `shareables check` and `build` print for comms staff.
import { KIND_LABELS, RESOURCE_KINDS, type Content } from './content-schema.js';
import type { GeneratedShareables } from './generate-posts.js';
import { networkLabel, shareNetworkIds } from './networks.js';

/** A post at or above this share of its network's limit is listed as "near the limit". */
export const NEAR_LIMIT = 0.9;

export const EXAMPLE_NOTICE = 'example link — replace before publishing';

/** Lines describing what the content file produces and what still needs attention. */
export function summarizeShareables(content: Content, generated: GeneratedShareables): string[] {
  const lines: string[] = [];
  const kinds = RESOURCE_KINDS.map((kind) => [kind, content.resources.filter((resource) => resource.kind === kind).length] as const).filter(([, count]) => count > 0);
  lines.push(`Campaign: ${content.campaign.title} (utm_campaign=${content.campaign.name})`);
  lines.push(`Hashtags on every post: ${generated.hashtags.map((tag) => `#${tag}`).join(' ')}`);
  lines.push(`Resources: ${content.resources.length} (${kinds.map(([kind, count]) => `${KIND_LABELS[kind].toLowerCase()} ${count}`).join(', ')})`);
  lines.push(`Shareables: ${generated.shareables.length}; posts: ${generated.posts.length}`);
  for (const network of shareNetworkIds()) {
    const count = generated.posts.filter((post) => post.network === network).length;
    lines.push(`  ${networkLabel(network).padEnd(9)} ${String(count).padStart(3)} posts`);
  }

  const examples = content.resources.filter((resource) => resource.example);
  if (examples.length > 0) {
    lines.push('', `Example links (${examples.length}):`);
    for (const resource of examples) lines.push(`  ${resource.id}: ${resource.url} — ${EXAMPLE_NOTICE}`);
  }

  const near = generated.posts.filter((post) => post.length >= post.limit * NEAR_LIMIT);
  if (near.length > 0) {
    lines.push('', `Near the limit (${Math.round(NEAR_LIMIT * 100)}% or more):`);
    for (const post of near) lines.push(`  ${post.shareableId} on ${networkLabel(post.network)}: ${post.length} / ${post.limit}`);
  }

  const problems = generated.unavailable.filter((item) => item.reason !== 'missing-fields');
  if (problems.length > 0) {
    lines.push('', `Cannot be produced (${problems.length}):`);
    for (const item of problems) lines.push(`  ${item.message}`);
  }
  const skipped = generated.unavailable.filter((item) => item.reason === 'missing-fields');
  if (skipped.length > 0) {
    lines.push('', `Skipped, a field the template needs is empty (${skipped.length}):`);
    for (const item of skipped) lines.push(`  ${item.message}`);
  }
  return lines;
}
