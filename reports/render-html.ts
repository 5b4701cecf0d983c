// The report as one self-contained HTML page: inline CSS, the chart as inline SVG, no script and no
// external resource. Table layout with inline styles on the parts that matter, so it survives email
// clients; sized to print on one or two A4 or Letter pages. All database text is escaped.
import { DateTime } from 'luxon';
import { networkLabel } from '../core/networks.js';
import type { Network } from '../core/types.js';
import { dayLabel, renderReachChartSvg } from './reach-chart-svg.js';
import { excerpt } from './excerpt.js';
import { escapeHtml, safeHttpUrl } from '../core/html-text.js';
import { formatCount, formatDuration, formatExact, formatKpiChange, formatKpiExact, formatKpiValue, formatRate } from './format.js';
import type { HeadlineKpi, WeeklyReport } from './weekly-report.js';
import { momentHeading, momentLiftText } from './moment-text.js';
import { amplifierFigures, amplifierHeading, voiceLine } from './intelligence/intelligence-text.js';

const INK = '#0b1f2a';
const MUTED = '#56626d';
const ACCENT = '#0b5563';
const RULE = '#dde3e8';
const UP = '#1a7f37';
const DOWN = '#b42318';
const FONT = 'Helvetica, Arial, sans-serif';

const e = escapeHtml;

/** Quoted post text in the HTML is shorter than in the JSON, to keep the report on two pages. */
const HTML_EXCERPT_LENGTH = 140;

const CSS = `
@page { margin: 12mm; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; padding: 0; background: #f4f6f8; color: ${INK}; font-family: ${FONT}; }
table { border-collapse: collapse; }
td, th { overflow-wrap: break-word; hyphens: none; }
.free { overflow-wrap: anywhere; }
a { color: ${ACCENT}; }
.data th { font-weight: 600; color: ${MUTED}; font-size: 11px; padding: 3px 4px; border-bottom: 1px solid ${RULE}; }
.data td { font-size: 12px; padding: 3px 4px; border-bottom: 1px solid ${RULE}; }
@media print {
  body { background: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .sheet { box-shadow: none !important; padding: 0 !important; zoom: 0.86; }
  .frame, .chart { max-width: none !important; }
  .outer { padding: 0 !important; }
  a { text-decoration: none; }
  tr, .card, .keep { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
@media screen and (max-width: 480px) {
  .sheet { padding: 12px !important; }
  .big { font-size: 20px !important; }
  /* On a phone columns size to their words (never split inside one); only free text (post text, names) wraps anywhere. */
  .data { table-layout: auto !important; }
  .data col { width: auto !important; }
  .data th, .data td { font-size: 10px !important; padding: 2px !important; }
  .stack, .stack > tbody, .stack > tbody > tr, .stack > tbody > tr > td { display: block !important; width: 100% !important; padding: 0 !important; box-sizing: border-box; }
  /* Two headline cards a row: the rows of three dissolve so the six cards flow in pairs. */
  .cards, .cards > tbody { display: block !important; }
  .cards > tbody > tr { display: contents !important; }
  .cards > tbody > tr > td { display: inline-block !important; width: 50% !important; box-sizing: border-box; }
}
`;

function localTime(iso: string, timeZone: string, format: string): string {
  return DateTime.fromISO(iso, { zone: timeZone }).toFormat(format);
}

function heading(text: string): string {
  return `<h2 style="margin:18px 0 6px;padding-bottom:3px;border-bottom:2px solid ${ACCENT};font-size:15px;line-height:1.3;color:${ACCENT};font-family:${FONT}">${e(text)}</h2>`;
}

function paragraph(html: string, extra = ''): string {
  return `<p style="margin:4px 0;font-size:13px;line-height:1.45;color:${INK};${extra}">${html}</p>`;
}

function changeHtml(kpi: HeadlineKpi): string {
  const text = formatKpiChange(kpi.format, kpi.value, kpi.previous, kpi.previousCollected, kpi.previousSoFar);
  const [figure, ...rest] = text.split(' vs ');
  const direction = kpi.previousCollected && kpi.value !== null && kpi.previous !== null ? Math.sign(kpi.value - kpi.previous) : 0;
  // Green for good news: a rise of a KPI where more is better, a fall of one where less is.
  const good = kpi.higherIsBetter ? direction : -direction;
  const colour = good > 0 ? UP : good < 0 ? DOWN : MUTED;
  if (rest.length === 0) return `<span style="color:${MUTED}">${e(text)}</span>`;
  return `<span style="color:${colour};font-weight:700">${e(figure!)}</span> <span style="color:${MUTED}">vs ${e(rest.join(' vs '))}</span>`;
}

function kpiValue(kpi: HeadlineKpi, value: number | null): string {
  return formatKpiValue(kpi.format, value);
}

function kpiCard(kpi: HeadlineKpi): string {
  const exact = formatKpiExact(kpi.format, kpi.value);
  const trend = kpi.trend
    .map((point, index) => {
      const text = point.collected ? kpiValue(kpi, point.value) : '–';
      return index === kpi.trend.length - 1 ? `<b>${e(text)}</b>` : e(text);
    })
    .join(' · ');
  return (
    `<td class="card" style="width:33.33%;padding:4px;vertical-align:top">` +
    `<div style="border:1px solid ${RULE};border-radius:6px;padding:8px 10px;background:#fff">` +
    `<div style="font-size:12px;color:${MUTED}">${e(kpi.label)}</div>` +
    `<div class="big" style="font-size:26px;line-height:1.2;font-weight:700;color:${INK}" title="${e(exact)}">${e(kpiValue(kpi, kpi.value))}</div>` +
    `<div style="font-size:12px;line-height:1.4">${changeHtml(kpi)}</div>` +
    `<div style="font-size:11px;line-height:1.4;color:${MUTED}">4 weeks: ${trend}</div>` +
    `</div></td>`
  );
}

function kpiSection(report: WeeklyReport): string {
  const rows: string[] = [];
  for (let i = 0; i < report.headline.length; i += 3) {
    rows.push(`<tr>${report.headline.slice(i, i + 3).map(kpiCard).join('')}</tr>`);
  }
  return `<table role="presentation" class="cards" width="100%" style="width:100%;table-layout:fixed;border-collapse:collapse;margin:0 -4px">${rows.join('')}</table>`;
}

/**
 * A data table with fixed column widths (so long names wrap instead of widening the page).
 * `align` gives each column's alignment; numbers default to the right, the first column to the left.
 */
function dataTable(
  head: string[],
  rows: string[][],
  options: { widths?: string[]; align?: Array<'left' | 'right'>; free?: number[]; caption?: string; rowHeaders?: boolean } = {},
): string {
  const align = (index: number) => options.align?.[index] ?? (index === 0 ? 'left' : 'right');
  const cols = options.widths ? `<colgroup>${options.widths.map((width) => `<col style="width:${width}">`).join('')}</colgroup>` : '';
  const cell = (tag: 'th' | 'td', html: string, index: number) => {
    const free = options.free?.includes(index) ? ' class="free"' : '';
    // Header cells say which cells they label; a row's first cell labels its row where asked.
    const scope = tag === 'th' ? ' scope="col"' : '';
    if (tag === 'td' && index === 0 && options.rowHeaders) return `<th scope="row" style="text-align:${align(index)};font-weight:400">${html}</th>`;
    return `<${tag}${scope}${free} style="text-align:${align(index)}">${html}</${tag}>`;
  };
  const caption = options.caption ? `<caption style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)">${e(options.caption)}</caption>` : '';
  return (
    `<table class="data" width="100%" style="width:100%;table-layout:fixed;border-collapse:collapse;font-family:${FONT}">${caption}${cols}` +
    `<thead><tr>${head.map((html, index) => cell('th', html, index)).join('')}</tr></thead>` +
    `<tbody>${rows.map((row) => `<tr>${row.map((html, index) => cell('td', html, index)).join('')}</tr>`).join('')}</tbody></table>`
  );
}

function reachSection(report: WeeklyReport): string {
  const days = report.days;
  const head = ['<span style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)">Measure</span>', ...days.map((day) => `${e(dayLabel(day.date))}${day.hours === 24 ? '' : '*'}${day.status === 'so_far' ? '†' : ''}`)];
  // Days still to come show a dash, never a zero.
  const row = (label: string, values: Array<number | null>) => [label, ...values.map((value) => (value === null ? '–' : e(formatCount(value))))];
  const table = dataTable(head, [
    row('Posts', days.map((day) => day.posts)),
    row('Contributors', days.map((day) => day.contributors)),
    row('Reach that day', days.map((day) => day.potentialReach)),
    row('Reach, week so far', days.map((day) => day.cumulativePotentialReach)),
    row('Engagements gained', days.map((day) => day.engagementsGained)),
  ], { widths: ['23%'], rowHeaders: true, caption: 'Reach and posts by day' });
  const odd = days.filter((day) => day.hours !== 24);
  const notes = [
    ...(odd.length ? [`* ${odd.map((day) => `${e(dayLabel(day.date))} lasted ${day.hours} hours (the clocks changed)`).join('; ')}.`] : []),
    ...(report.week.through
      ? [`† ${e(dayLabel(days.find((day) => day.status === 'so_far')?.date ?? report.week.through.slice(0, 10)))} so far, up to ${e(localTime(report.week.through, report.week.timeZone, 'HH:mm'))}; days still to come show –.`]
      : []),
  ];
  const footnote = notes.length ? paragraph(notes.join(' '), `font-size:11px;color:${MUTED}`) : '';
  return `${heading('Reach over the week')}<div class="keep">${renderReachChartSvg(days)}</div>${table}${footnote}`;
}

/** Names and handles are cut short so one very long name cannot push the report onto a third page. */
const NAME_LENGTH = 34;

function topPostsSection(report: WeeklyReport): string {
  if (report.topPosts.length === 0) return `${heading('Top posts')}${paragraph('No posts to show for this week.')}`;
  const rows = report.topPosts.map((post) => {
    const handle = `<span style="color:${MUTED}">@${e(excerpt(post.author.username, NAME_LENGTH))}</span>`;
    const who = post.author.displayName ? `<b>${e(excerpt(post.author.displayName, NAME_LENGTH))}</b> ${handle}` : handle;
    const when = localTime(post.createdAt, report.week.timeZone, 'ccc d LLL');
    const href = safeHttpUrl(post.url);
    const text =
      post.existence === 'not re-checked'
        ? `<span style="color:${MUTED}"><b>Not re-checked</b>: text withheld (its network could not be asked whether the post still exists).</span>`
        : post.excerpt === null
          ? `<span style="color:${MUTED}">(no text)</span>`
          : `“${e(excerpt(post.excerpt, HTML_EXCERPT_LENGTH))}”`;
    const link = href ? ` <a href="${e(href)}" style="color:${ACCENT};font-size:11px;white-space:nowrap">View post</a>` : '';
    return [
      `<span style="font-weight:700;color:${ACCENT}">${post.rank}</span>`,
      `<div style="font-size:12px;line-height:1.35">${who} · ${e(networkLabel(post.network))} · ${e(when)}</div>` +
        `<div style="font-size:12px;line-height:1.35;margin-top:1px">${text}${link}</div>`,
      `<b>${e(formatCount(post.engagements))}</b>`,
      e(formatCount(post.impressions)),
    ];
  });
  return `${heading('Top posts by engagements')}${dataTable(['#', 'Post', 'Engagements', 'Impressions'], rows, { widths: ['5%', '63%', '16%', '16%'], align: ['left', 'left', 'right', 'right'], free: [1] })}`;
}

function contributorName(contributor: { network: Network; username: string; displayName: string | null }): string {
  // The display name alone keeps each row to a line or two; the handle stands in when there is none.
  const name = contributor.displayName ? e(excerpt(contributor.displayName, NAME_LENGTH)) : `@${e(excerpt(contributor.username, NAME_LENGTH))}`;
  return `<span title="@${e(contributor.username)}">${name}</span> <span style="color:${MUTED}">(${e(networkLabel(contributor.network))})</span>`;
}

function contributorsSection(report: WeeklyReport): string {
  const top = report.topContributors.length
    ? dataTable(
        ['Most active', 'Posts', 'Eng.'],
        report.topContributors.map((c) => [contributorName(c), e(formatCount(c.posts)), e(formatCount(c.engagements))]),
        { widths: ['64%', '16%', '20%'], free: [0] },
      )
    : paragraph('Nobody posted this week.');
  const first = report.firstTimeContributors;
  const firstIntro = first.collectionBegan
    ? paragraph(`Collection began ${e(localTime(first.collectionBegan, report.week.timeZone, 'ccc d LLL'))}, so every contributor counts as first-time this week.`, `font-size:11px;color:${MUTED}`)
    : '';
  const firstList = first.contributors.length
    ? dataTable(
        [`First-time (${e(formatExact(first.count))})`, 'Posts', 'Eng.'],
        first.contributors.map((c) => [contributorName(c), e(formatCount(c.posts)), e(formatCount(c.engagements))]),
        { widths: ['64%', '16%', '20%'], free: [0] },
      )
    : paragraph('No first-time contributors this week.');
  return (
    `${heading('Contributors')}<table role="presentation" class="stack" width="100%" style="width:100%;table-layout:fixed;border-collapse:collapse"><tr>` +
    `<td style="width:50%;vertical-align:top;padding-right:8px">${top}</td>` +
    `<td style="width:50%;vertical-align:top;padding-left:8px">${firstList}${firstIntro}</td></tr></table>`
  );
}

function networksSection(report: WeeklyReport): string {
  const rows = report.networkSplit.map((row) => [
    e(networkLabel(row.network)),
    e(formatCount(row.posts)),
    row.share === null ? '–' : e(formatRate(row.share)),
    e(formatCount(row.contributors)),
    e(formatCount(row.engagements)),
    e(formatCount(row.impressions)),
  ]);
  return `${heading('Network split')}${dataTable(['Network', 'Posts', 'Share', 'Contributors', 'Engagements', 'Impressions'], rows, { rowHeaders: true })}`;
}

function shareablesSection(report: WeeklyReport): string {
  const section = report.shareables;
  if (section.status === 'not_tracked') {
    return `${heading('Shareable adoption')}${paragraph('Not tracked yet: how often the campaign\'s ready-made posts are used will appear here once it is measured.')}`;
  }
  const share = section.share === null ? '' : ` (${e(formatRate(section.share))} of the week's posts)`;
  const list = section.items.length ? dataTable(['Shareable', 'Posts'], section.items.map((item) => [e(item.title), e(formatCount(item.posts))]), { widths: ['80%', '20%'], free: [0] }) : '';
  return `${heading('Shareable adoption')}${paragraph(`${e(formatCount(section.posts))} posts used a ready-made shareable${share}.`)}${list}`;
}

function momentsSection(report: WeeklyReport): string {
  // Left out when the week had none, so a report without moments prints as before.
  if (report.moments.length === 0) return '';
  const items = report.moments.map((moment) => `<li><strong>${e(momentHeading(moment, report.week.timeZone))}:</strong> ${e(momentLiftText(moment))}</li>`).join('');
  return `${heading('Moments')}<ul>${items}</ul>`;
}

function shareOfVoiceSection(report: WeeklyReport): string {
  // Left out when no comparator hashtag is configured.
  if (report.shareOfVoice.length === 0) return '';
  return `${heading('Share of voice')}<ul>${report.shareOfVoice.map((voice) => `<li>${e(voiceLine(voice))}</li>`).join('')}</ul>`;
}

function amplifiersSection(report: WeeklyReport): string {
  if (report.amplifiers.length === 0) return '';
  const items = report.amplifiers.map((entry) => `<li><strong>${e(amplifierHeading(entry))}</strong>: ${e(amplifierFigures(entry))}</li>`).join('');
  return `${heading('Amplifiers')}<ol>${items}</ol>`;
}

function coverageSection(report: WeeklyReport): string {
  const rows = report.coverage.networks.map((network) => {
    if (network.status === 'not_collected') return [e(networkLabel(network.network)), 'not collected', '', '', '', ''];
    if (network.status === 'backfilled') return [e(networkLabel(network.network)), 'collected later', '', '', '', ''];
    return [
      e(networkLabel(network.network)),
      e(formatExact(network.runs)),
      e(formatExact(network.failures)),
      e(formatExact(network.rateLimitPauses)),
      e(String(network.daysWithoutSuccess.length)),
      network.longestGapMs > 0 ? e(formatDuration(network.longestGapMs)) : '–',
    ];
  });
  const table = dataTable(['Network', 'Runs', 'Failed', 'Rate-limit pauses', 'Days without a successful run', 'Longest gap'], rows, { widths: ['17%', '11%', '11%', '17%', '26%', '18%'], rowHeaders: true });
  const warnings = report.coverage.warnings.map((warning) =>
    warning.level === 'warning'
      ? paragraph(`<b>Warning:</b> ${e(warning.message)}`, `color:${DOWN}`)
      : paragraph(e(warning.message), `font-size:12px;color:${MUTED}`),
  );
  const allGood = report.coverage.complete && report.coverage.warnings.length === 0 ? paragraph('Every network was collected throughout the week.', `font-size:12px;color:${MUTED}`) : '';
  return `${heading('Data coverage')}${table}${warnings.join('')}${allGood}`;
}

function methodologySection(report: WeeklyReport): string {
  const small = `font-size:11px;line-height:1.4;color:${MUTED}`;
  const definitions = report.methodology.definitions.map((definition) => `<b>${e(definition.term)}</b>: ${e(definition.text)}`).join(' ');
  const notes = report.methodology.notes.map((note) => e(note)).join(' ');
  return (
    `${heading('Methodology')}` +
    paragraph(definitions, small) +
    paragraph(notes, small) +
    paragraph(
      `Metric definitions v${e(report.methodology.definitionsVersion)}, engagement formula v${e(String(report.methodology.engagementFormulaVersion))}: the same definitions and queries as the dashboard, so its numbers for this week match.`,
      small,
    )
  );
}

/** The report as a standalone HTML document (for the file, the browser and the email's HTML part). */
export function renderHtml(report: WeeklyReport): string {
  const title = `${report.title} — ${report.week.heading}`;
  const generated = localTime(report.generatedAt, report.week.timeZone, "d LLL yyyy 'at' HH:mm");
  const emptyNote = report.empty
    ? paragraph('There is nothing to chart or rank this week. The data coverage section below shows whether collection ran.', `color:${MUTED}`)
    : '';
  const body = [
    `<div style="font-size:12px;color:${MUTED};letter-spacing:0.02em">WEEKLY ENGAGEMENT SUMMARY</div>`,
    `<h1 style="margin:2px 0 2px;font-size:22px;line-height:1.25;color:${INK};font-family:${FONT}">${e(report.title)}</h1>`,
    `<div style="font-size:13px;color:${MUTED};margin-bottom:8px">${e(report.week.heading)} · ${e(report.week.dates)} · ${e(report.week.timeZone)}</div>`,
    report.week.complete
      ? ''
      : paragraph(
          `<b>Week to date.</b> This report covers the week so far, up to ${e(localTime(report.week.through!, report.week.timeZone, 'ccc d LLL HH:mm'))}; changes compare with the same point of the week before. The full week is reported on Monday.`,
          `font-size:12px;background:#fff8e1;border:1px solid #f0d68a;border-radius:4px;padding:6px 8px`,
        ),
    paragraph(e(report.summary), 'font-size:14px'),
    emptyNote,
    kpiSection(report),
    reachSection(report),
    topPostsSection(report),
    contributorsSection(report),
    networksSection(report),
    shareablesSection(report),
    momentsSection(report),
    shareOfVoiceSection(report),
    amplifiersSection(report),
    coverageSection(report),
    methodologySection(report),
    `<p style="margin:14px 0 0;font-size:11px;color:${MUTED}">Generated ${e(generated)} (${e(report.week.timeZone)}) by jobquality-tracker.</p>`,
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${e(title)}</title>
<style>${CSS}</style>
</head>
<body style="margin:0;padding:0;background:#f4f6f8">
<table role="presentation" class="outer" width="100%" style="width:100%;border-collapse:collapse;background:#f4f6f8"><tr><td align="center" class="outer" style="padding:16px 8px">
<table role="presentation" class="frame" width="100%" style="width:100%;max-width:680px;border-collapse:collapse"><tr><td class="sheet" style="background:#ffffff;padding:20px 24px;text-align:left;font-family:${FONT};color:${INK}">
${body}
</td></tr></table>
</td></tr></table>
</body>
</html>
`;
}
