// One line per comparator and per amplifier for the weekly report's renderers (HTML and Markdown),
// in words; the renderers escape them.
import { networkLabel } from '../../core/networks.js';
import { formatCount } from '../format.js';
import type { ReportAmplifier, ReportVoice } from './gather-intelligence.js';

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);

/** "#fairwork: 64% of posts (320 against 180), 58% of people, 71% of engagements; 12 posts carried both." */
export function voiceLine(voice: ReportVoice): string {
  const total = voice.total;
  if (!total) return `#${voice.tag}: not collected this week, so no share can be given.`;
  const leftOut = voice.daysLeftOut > 0 ? ` ${voice.daysLeftOut} of ${voice.days} days were not collected and are left out.` : '';
  return (
    `#${voice.tag}: the campaign had ${percent(total.share.posts)} of posts (${formatCount(total.campaign.posts)} against ${formatCount(total.comparator.posts)}), ` +
    `${percent(total.share.people)} of people and ${percent(total.share.engagements)} of engagements; ${formatCount(total.overlapPosts)} campaign post${total.overlapPosts === 1 ? '' : 's'} also carried #${voice.tag}.${leftOut}`
  );
}

/** The person (or account), their accounts, and what they did. */
export function amplifierHeading(entry: ReportAmplifier): string {
  const accounts = entry.accounts.map((account) => `@${account.username} (${networkLabel(account.network)})`).join(', ');
  return entry.person ? `${entry.person}: ${accounts}` : accounts;
}

export function amplifierFigures(entry: ReportAmplifier): string {
  return (
    `reach ${formatCount(entry.reach)}, ${formatCount(entry.posts)} posts and ${formatCount(entry.reposts)} reposts, ${formatCount(entry.engagements)} engagements, ` +
    `${formatCount(entry.readyMadePosts)} ready-made posts used, first seen ${entry.firstSeenAt.slice(0, 10)}`
  );
}
