// What the demo's supporters write: short posts in the campaign's voice ("fix work, not workers"),
// always with #jobquality in some capitalisation, sometimes with co-occurring tags and a link to
// one of the campaign's (example) pages. Pure: every choice comes from the Random passed in.
import type { CastMember, DemoNetwork } from './campaign-cast.js';
import type { Random } from './seeded-random.js';

export interface DemoLink {
  url: string;
  title: string;
}

/** The campaign's example pages (the same placeholders as shareables/sample-content.yaml). */
export const DEMO_LINKS: readonly DemoLink[] = [
  { url: 'https://example.org/exemplars/riverside-care', title: 'Riverside Home Care Cooperative' },
  { url: 'https://example.org/exemplars/northgate-bakery', title: 'Northgate Bakery' },
  { url: 'https://example.org/tools/fair-scheduling-checklist', title: 'Fair Scheduling Checklist' },
  { url: 'https://example.org/tools/self-audit', title: 'Job Quality Self-Audit' },
  { url: 'https://example.org/events/voice-at-work', title: 'Voice at work: who gets a say?' },
  { url: 'https://example.org/events/retail-town-hall', title: 'Good jobs town hall: fixing work in retail' },
  { url: 'https://example.org/research/insecure-hours', title: 'Insecure hours: the hidden cost' },
  { url: 'https://example.org/research/progression', title: 'Routes up, not out' },
];

const CAMPAIGN_TAGS = ['#jobquality', '#JobQuality', '#JobQuality', '#JobQuality', '#JOBQUALITY'] as const;
const CO_TAGS = ['#goodjobs', '#GoodJobs', '#futureofwork', '#FutureOfWork', '#fairwork', '#FairWork', '#FixWork'] as const;

const STATEMENTS: readonly string[] = [
  'Fix work, not workers.',
  'Stop sending people on resilience courses and start fixing the rota.',
  'Predictable hours are not a perk. They are how people pay rent.',
  'Shifts published four weeks ahead cost almost nothing and keep teams together.',
  'A good job is one you can plan a life around.',
  'If turnover is high, the problem is the job, not the people doing it.',
  'Paying care workers for travel time between visits should not be radical.',
  'Worker voice is not a suggestion box. It is a seat at the table when rotas are set.',
  'Cutting shifts at two hours notice pushes the cost of bad planning onto the lowest paid.',
  'Good jobs are a design choice. Employers can make it today.',
  'Fair scheduling, decent pay, a say in how the work is done: that is the whole ask.',
  'Ask the people doing the work what would make it better. Then do it.',
  'Routes up, not out: progression should not mean leaving the sector.',
  'Nobody should find out on Sunday night whether they are working on Monday.',
  'Insecure hours have a cost. Workers pay it first, then employers pay it in turnover.',
  'Dignity at work starts with a schedule you can count on.',
  'Job quality is measurable: pay, hours, security, voice, progression. Measure it.',
  'The best retention strategy is a better job.',
  'Good work is good business. The numbers keep saying so.',
  'Invest in the job and the people stay.',
];

const FIRST_PERSON: readonly string[] = [
  'Three years on a zero-hours contract taught me what insecurity costs. Guaranteed hours changed everything.',
  'My manager started posting the rota a month ahead. I booked a dentist appointment for the first time in a year.',
  'We finally got paid for the time between care visits. Small change, huge difference.',
  'Our team asked for a say in the shift pattern. We got it, and sick days fell.',
  'Went from split shifts to a stable pattern. I can pick my kids up from school now.',
  'Ran the job quality self-audit with my team today. Eye-opening and very doable.',
  'Spoke at the town hall tonight about fair scheduling. Full room, lots of managers listening.',
  'Nine years in retail and this is the first campaign that talks about the job instead of blaming the staff.',
];

const ORGANISATION: readonly string[] = [
  'This week we are publishing every shift four weeks ahead. Here is how we did it.',
  'New from us: what insecure hours cost workers and the businesses that employ them.',
  'Join us for a conversation on worker voice: who gets a say in how work is organised?',
  'We signed up to the fair scheduling checklist. Twelve questions, every manager, every quarter.',
  'Our members are clear: stable hours matter as much as the hourly rate.',
  'Proud to back the campaign. Good jobs are built, not found.',
];

const REPLIES: readonly string[] = [
  'Exactly this.',
  'Yes! And it pays for itself in lower turnover.',
  'Seeing the same in our sector.',
  'This is the conversation we need to be having.',
  'Sharing with our members today.',
  'Could not agree more. Stability first.',
  'Thank you for saying it so clearly.',
  'Would love to see the numbers behind this.',
];

const QUOTES: readonly string[] = [
  'Worth five minutes of your day:',
  'This is what good looks like.',
  'Read this, then look at your own rota.',
  'Great example of fixing the work, not the workers.',
  'More of this, please.',
];

function tags(random: Random): string {
  const chosen: string[] = [random.pick(CAMPAIGN_TAGS)];
  const extra = random.chance(0.55) ? (random.chance(0.3) ? 2 : 1) : 0;
  while (chosen.length < 1 + extra) {
    const tag = random.pick(CO_TAGS);
    if (!chosen.some((known) => known.toLowerCase() === tag.toLowerCase())) chosen.push(tag);
  }
  return chosen.join(' ');
}

/** An original post's text and, sometimes, a link to one of the campaign's pages. */
export function originalPost(random: Random, author: CastMember): { text: string; link: DemoLink | null } {
  const own = author.kind === 'person' ? FIRST_PERSON : ORGANISATION;
  const statement = random.chance(0.4) ? random.pick(own) : random.pick(STATEMENTS);
  const link = random.chance(0.35) ? random.pick(DEMO_LINKS) : null;
  return { text: `${statement} ${tags(random)}`, link };
}

/** A reply's text; `mention` is the username a network's client puts in front (X does). */
export function replyPost(random: Random, mention: string | null): string {
  return `${mention ? `@${mention} ` : ''}${random.pick(REPLIES)} ${tags(random)}`;
}

export function quotePost(random: Random): string {
  return `${random.pick(QUOTES)} ${tags(random)}`;
}

/** How X writes a repost's text: "RT @author: " in front of the original. */
export function repostText(originalAuthor: string, originalText: string): string {
  return `RT @${originalAuthor}: ${originalText}`;
}

/** Where a network puts a link: X shortens and appends it, Bluesky and Mastodon show it in the text. */
export function withLink(network: DemoNetwork, text: string, link: DemoLink | null): string {
  return link && network !== 'x' ? `${text} ${link.url}` : text;
}
