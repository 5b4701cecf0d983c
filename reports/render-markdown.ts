// The report as Markdown for chat (Slack, Teams, Mattermost): headings, bullets and one small
// table. Text from the networks is escaped so it cannot format, link or mass-mention.
import { DateTime } from 'luxon';
import { networkLabel } from '../core/networks.js';
import type { Network } from '../core/types.js';
import { dayLabel } from './reach-chart-svg.js';
import { safeHttpUrl } from '../core/html-text.js';
import { formatCount, formatDuration, formatExact, formatKpiChange, formatKpiValue, formatRate } from './format.js';
import type { HeadlineKpi, WeeklyReport } from './weekly-report.js';
import { momentHeading, momentLiftText } from './moment-text.js';
import { amplifierFigures, amplifierHeading, voiceLine } from './intelligence/intelligence-text.js';

/**
 * Untrusted text (post text, names) made inert in Markdown: no emphasis, code, links, HTML, tables,
 * headings, lists or @channel pings. The report's own sentences are written to need no escaping.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, (char) => `\\${char}`)
    .replace(/^(\s*)([-+>#])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2')
    .replace(/@(channel|here|all|everyone)\b/gi, '@\u200b$1');
}

function kpiLine(kpi: HeadlineKpi): string {
  const value = (v: number | null) => formatKpiValue(kpi.format, v);
  const changeText = formatKpiChange(kpi.format, kpi.value, kpi.previous, kpi.previousCollected, kpi.previousSoFar);
  const trend = kpi.trend
    .map((point, index) => {
      const text = point.collected ? value(point.value) : '–';
      return index === kpi.trend.length - 1 ? `**${text}**` : text;
    })
    .join(' · ');
  return `- **${kpi.label}:** ${value(kpi.value)} (${changeText}; 4 weeks: ${trend})`;
}

const plural = (count: number, noun: string) => `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;

function who(contributor: { network: Network; username: string; displayName: string | null }): string {
  const handle = escapeMarkdown(contributor.username);
  const network = networkLabel(contributor.network);
  return contributor.displayName ? `${escapeMarkdown(contributor.displayName)} (${handle}, ${network})` : `${handle} (${network})`;
}

function titleLines(report: WeeklyReport): string[] {
  const zone = report.week.timeZone;
  const weekToDate = report.week.complete
    ? []
    : [
        `**Week to date:** up to ${DateTime.fromISO(report.week.through!, { zone }).toFormat('ccc d LLL HH:mm')}; changes compare with the same point of the week before. The full week is reported on Monday.`,
        '',
      ];
  return [`# ${report.title} — ${report.week.heading}`, `${report.week.dates} (${zone})`, '', ...weekToDate, report.summary, '', '## Headline', ...report.headline.map(kpiLine)];
}

function reachLines(report: WeeklyReport): string[] {
  return [
    '## Reach over the week',
    '| Day | Posts | Contributors | Reach that day | Reach, week so far | Engagements gained |',
    '|---|--:|--:|--:|--:|--:|',
    ...report.days.map((day) => {
      // Days still to come show a dash, never a zero.
      const n = (value: number | null) => (value === null ? '–' : formatCount(value));
      const label = `${dayLabel(day.date)}${day.hours === 24 ? '' : ` (${day.hours} h)`}${day.status === 'so_far' ? ' (so far)' : ''}`;
      return `| ${label} | ${n(day.posts)} | ${n(day.contributors)} | ${n(day.potentialReach)} | ${n(day.cumulativePotentialReach)} | ${n(day.engagementsGained)} |`;
    }),
  ];
}

function topPostLines(report: WeeklyReport): string[] {
  const lines = ['## Top posts by engagements'];
  if (report.topPosts.length === 0) lines.push('No posts to show for this week.');
  for (const post of report.topPosts) {
    const when = DateTime.fromISO(post.createdAt, { zone: report.week.timeZone }).toFormat('ccc d LLL');
    const impressions = post.impressions === null ? '' : `, ${formatCount(post.impressions)} impressions`;
    lines.push(`${post.rank}. ${who({ ...post.author, network: post.network })} · ${when} — **${formatCount(post.engagements)}** engagements${impressions}`);
    if (post.existence === 'not re-checked') lines.push('   _Not re-checked: text withheld (its network could not be asked whether the post still exists)._');
    else if (post.excerpt !== null) lines.push(`   > ${escapeMarkdown(post.excerpt)}`);
    const href = safeHttpUrl(post.url);
    if (href) lines.push(`   [View post](<${href}>)`);
  }
  return lines;
}

const contributorLine = (contributor: WeeklyReport['topContributors'][number]) =>
  `- ${who(contributor)}: ${plural(contributor.posts, 'post')}, ${plural(contributor.engagements, 'engagement')}`;

function contributorLines(report: WeeklyReport): string[] {
  const lines = ['## Contributors', '**Most active:**'];
  if (report.topContributors.length === 0) lines.push('- Nobody posted this week.');
  lines.push(...report.topContributors.map(contributorLine));
  const first = report.firstTimeContributors;
  lines.push('', `**First-time contributors:** ${formatExact(first.count)}`);
  if (first.collectionBegan) {
    const began = DateTime.fromISO(first.collectionBegan, { zone: report.week.timeZone }).toFormat('ccc d LLL');
    lines.push(`(Collection began ${began}, so everyone counts as first-time this week.)`);
  }
  lines.push(...first.contributors.map(contributorLine));
  return lines;
}

function networkSplitLines(report: WeeklyReport): string[] {
  return [
    '## Network split',
    ...report.networkSplit.map((row) => {
      const share = row.share === null ? '' : ` (${formatRate(row.share)})`;
      const impressions = row.impressions === null ? '' : `, ${formatCount(row.impressions)} impressions`;
      return `- **${networkLabel(row.network)}:** ${formatCount(row.posts)} posts${share}, ${formatCount(row.contributors)} contributors, ${formatCount(row.engagements)} engagements${impressions}`;
    }),
  ];
}

function shareableLines(report: WeeklyReport): string[] {
  if (report.shareables.status === 'not_tracked') return ['## Shareable adoption', 'Not tracked yet.'];
  const share = report.shareables.share === null ? '' : ` (${formatRate(report.shareables.share)} of the week's posts)`;
  return [
    '## Shareable adoption',
    `${formatCount(report.shareables.posts)} posts used a ready-made shareable${share}.`,
    ...report.shareables.items.map((item) => `- ${escapeMarkdown(item.title)}: ${formatCount(item.posts)} posts`),
  ];
}

/** A section that is left out when it has nothing to list. */
function optionalSection(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : [`## ${title}`, ...lines];
}

/** Campaign moments of the week (content file) with their lift; no section when there are none. */
function momentLines(report: WeeklyReport): string[] {
  return optionalSection('Moments', report.moments.map((moment) => `- **${escapeMarkdown(momentHeading(moment, report.week.timeZone))}:** ${escapeMarkdown(momentLiftText(moment))}`));
}

/** Share of voice against each comparator; no section when none is configured. */
function shareOfVoiceLines(report: WeeklyReport): string[] {
  return optionalSection('Share of voice', report.shareOfVoice.map((voice) => `- ${escapeMarkdown(voiceLine(voice))}`));
}

/** The week's top amplifiers by reach; no section when nobody posted. */
function amplifierLines(report: WeeklyReport): string[] {
  return optionalSection('Amplifiers', report.amplifiers.map((entry) => `${entry.rank}. **${escapeMarkdown(amplifierHeading(entry))}:** ${escapeMarkdown(amplifierFigures(entry))}`));
}

function coverageLine(network: WeeklyReport['coverage']['networks'][number]): string {
  const name = networkLabel(network.network);
  if (network.status === 'not_collected') return `- **${name}:** not collected`;
  if (network.status === 'backfilled') return `- **${name}:** collected later (${formatExact(network.postsInWeek)} posts of the week, stored by a later run)`;
  const gap = network.longestGapMs > 0 ? `, longest gap ${formatDuration(network.longestGapMs)}` : '';
  return (
    `- **${name}:** ${formatExact(network.runs)} runs, ${formatExact(network.failures)} failed, ${formatExact(network.rateLimitPauses)} rate-limit pauses, ` +
    `${network.daysWithoutSuccess.length} days without a successful run${gap}`
  );
}

function coverageLines(report: WeeklyReport): string[] {
  return [
    '## Data coverage',
    ...report.coverage.networks.map(coverageLine),
    ...report.coverage.warnings.map((warning) => (warning.level === 'warning' ? `- ⚠️ **Warning:** ${warning.message}` : `- ${warning.message}`)),
  ];
}

function methodologyLines(report: WeeklyReport): string[] {
  const zone = report.week.timeZone;
  return [
    '## Methodology',
    ...report.methodology.definitions.map((definition) => `- **${definition.term}:** ${definition.text}`),
    ...report.methodology.notes.map((note) => `- ${note}`),
    `- Metric definitions v${report.methodology.definitionsVersion}, engagement formula v${report.methodology.engagementFormulaVersion}, as on the dashboard.`,
    '',
    `_Generated ${DateTime.fromISO(report.generatedAt, { zone }).toFormat("d LLL yyyy 'at' HH:mm")} (${zone}) by jobquality-tracker._`,
  ];
}

const SECTIONS: ReadonlyArray<(report: WeeklyReport) => string[]> = [
  titleLines,
  reachLines,
  topPostLines,
  contributorLines,
  networkSplitLines,
  shareableLines,
  momentLines,
  shareOfVoiceLines,
  amplifierLines,
  coverageLines,
  methodologyLines,
];

/** The report as Markdown: its sections in order, a blank line between them (a section with nothing to say is left out). */
export function renderMarkdown(report: WeeklyReport): string {
  const sections = SECTIONS.map((section) => section(report)).filter((lines) => lines.length > 0);
  return [...sections.flatMap((lines, index) => (index === 0 ? lines : ['', ...lines])), ''].join('\n');
}
