// The people and organisations of the demo campaign: fictional supporters with accounts on X,
// Bluesky and one of two Mastodon servers, their audiences and how often they post.

export type DemoNetwork = 'x' | 'bluesky' | 'mastodon';

export interface CastAccount {
  /** X username, Bluesky handle or Mastodon username (local to `server`). */
  username: string;
  followers: number;
  /** Mastodon only: which of the demo's two servers is the account's home (0 or 1). */
  server?: 0 | 1;
}

export interface CastMember {
  key: string;
  name: string;
  kind: 'organisation' | 'person';
  /** Relative posting frequency: 3 posts about three times as often as 1. */
  activity: number;
  accounts: Partial<Record<DemoNetwork, CastAccount>>;
}

const org = (key: string, name: string, activity: number, accounts: CastMember['accounts']): CastMember => ({ key, name, kind: 'organisation', activity, accounts });
const person = (key: string, name: string, activity: number, accounts: CastMember['accounts']): CastMember => ({ key, name, kind: 'person', activity, accounts });

/** Every name, handle and figure here is invented for the demo. */
export const CAST: readonly CastMember[] = [
  org('fairshift', 'Fair Shift Alliance', 4, {
    x: { username: 'FairShiftAlly', followers: 18_400 },
    bluesky: { username: 'fairshift.bsky.social', followers: 9_200 },
    mastodon: { username: 'fairshift', followers: 3_100, server: 0 },
  }),
  org('decentworklab', 'Decent Work Lab', 3, {
    x: { username: 'DecentWorkLab', followers: 7_900 },
    bluesky: { username: 'decentworklab.bsky.social', followers: 5_400 },
    mastodon: { username: 'decentworklab', followers: 2_200, server: 1 },
  }),
  org('goodjobscoalition', 'Good Jobs Coalition', 3, {
    x: { username: 'GoodJobsCo', followers: 24_000 },
    bluesky: { username: 'goodjobscoalition.bsky.social', followers: 6_800 },
  }),
  org('riversidecare', 'Riverside Home Care Co-op', 2, {
    x: { username: 'RiversideCareCo', followers: 1_350 },
    mastodon: { username: 'riversidecare', followers: 640, server: 0 },
  }),
  org('northgatebakery', 'Northgate Bakery', 1, {
    x: { username: 'NorthgateBakes', followers: 2_900 },
    bluesky: { username: 'northgatebakery.bsky.social', followers: 880 },
  }),
  org('workvoicefund', 'Worker Voice Fund', 2, {
    bluesky: { username: 'workervoice.bsky.social', followers: 4_100 },
    mastodon: { username: 'workervoice', followers: 1_900, server: 1 },
  }),
  org('metrolabourcouncil', 'Metro Labour Council', 2, {
    x: { username: 'MetroLabourCncl', followers: 11_200 },
    mastodon: { username: 'metrolabour', followers: 2_700, server: 0 },
  }),
  org('schedulewatch', 'Schedule Watch', 2, {
    bluesky: { username: 'schedulewatch.bsky.social', followers: 3_300 },
    mastodon: { username: 'schedulewatch', followers: 1_450, server: 1 },
  }),
  org('jobqualitynetwork', 'Job Quality Research Network', 2, {
    x: { username: 'JQResearchNet', followers: 5_600 },
    bluesky: { username: 'jqresearch.bsky.social', followers: 7_700 },
    mastodon: { username: 'jqresearch', followers: 4_300, server: 1 },
  }),
  org('careworkersunion', 'Care Workers Together', 2, {
    x: { username: 'CareWrkrsTgthr', followers: 9_800 },
    bluesky: { username: 'careworkers.bsky.social', followers: 2_600 },
  }),
  org('brightwarehouse', 'Brightline Warehousing', 1, {
    x: { username: 'BrightlineWH', followers: 4_200 },
  }),
  org('citygreens', 'City Greens Grocers', 1, {
    bluesky: { username: 'citygreens.bsky.social', followers: 1_100 },
    mastodon: { username: 'citygreens', followers: 390, server: 0 },
  }),
  org('hospitalityforward', 'Hospitality Forward', 1, {
    x: { username: 'HospForward', followers: 6_300 },
    bluesky: { username: 'hospitalityforward.bsky.social', followers: 1_900 },
  }),
  org('smallbizgoodwork', 'Small Business for Good Work', 1, {
    x: { username: 'SmallBizGoodWrk', followers: 3_700 },
    mastodon: { username: 'smallbizgoodwork', followers: 820, server: 0 },
  }),
  person('amara', 'Amara Osei', 3, {
    x: { username: 'amara_cares', followers: 2_100 },
    mastodon: { username: 'amara', followers: 950, server: 0 },
  }),
  person('tomasz', 'Tomasz Nowak', 1, {
    x: { username: 'tomasz_bakes', followers: 640 },
  }),
  person('leila', 'Leila Haddad', 3, {
    bluesky: { username: 'leilahaddad.bsky.social', followers: 12_400 },
    mastodon: { username: 'leila', followers: 5_200, server: 1 },
  }),
  person('marcus', 'Marcus Bell', 2, {
    x: { username: 'MarcusBellEcon', followers: 31_000 },
    bluesky: { username: 'marcusbell.bsky.social', followers: 14_800 },
  }),
  person('priya', 'Priya Raman', 2, {
    bluesky: { username: 'priyaraman.bsky.social', followers: 3_900 },
  }),
  person('diego', 'Diego Alvarez', 2, {
    x: { username: 'diego_on_shift', followers: 870 },
    bluesky: { username: 'diegoalvarez.bsky.social', followers: 410 },
  }),
  person('hannah', 'Hannah Schulz', 1, {
    mastodon: { username: 'hschulz', followers: 1_300, server: 1 },
  }),
  person('kwame', 'Kwame Mensah', 2, {
    x: { username: 'KwameMensahHR', followers: 5_100 },
  }),
  person('sofia', 'Sofia Rossi', 2, {
    bluesky: { username: 'sofiarossi.bsky.social', followers: 2_250 },
    mastodon: { username: 'sofia', followers: 780, server: 0 },
  }),
  person('jun', 'Jun Park', 1, {
    x: { username: 'junpark_ops', followers: 1_900 },
  }),
  person('ngozi', 'Ngozi Eze', 2, {
    x: { username: 'NgoziEzeWrites', followers: 8_700 },
    bluesky: { username: 'ngozieze.bsky.social', followers: 6_100 },
  }),
  person('oliver', 'Oliver Grant', 1, {
    mastodon: { username: 'ogrant', followers: 260, server: 0 },
  }),
  person('maria', 'María López', 2, {
    x: { username: 'maria_lopez_rn', followers: 1_450 },
    mastodon: { username: 'marialopez', followers: 520, server: 1 },
  }),
  person('ravi', 'Ravi Shah', 1, {
    bluesky: { username: 'ravishah.bsky.social', followers: 970 },
  }),
  person('elena', 'Elena Petrova', 1, {
    mastodon: { username: 'epetrova', followers: 2_050, server: 1 },
  }),
  person('sam', 'Sam Whitaker', 2, {
    x: { username: 'SamWhitaker', followers: 12_600 },
  }),
  person('aisha', 'Aisha Bello', 2, {
    bluesky: { username: 'aishabello.bsky.social', followers: 1_650 },
    mastodon: { username: 'aisha', followers: 430, server: 0 },
  }),
  person('chen', 'Chen Wei', 1, {
    x: { username: 'chenwei_retail', followers: 720 },
  }),
  person('fatima', 'Fatima Zahra', 1, {
    bluesky: { username: 'fatimazahra.bsky.social', followers: 2_800 },
  }),
  person('liam', 'Liam O’Connor', 1, {
    x: { username: 'liamoc_union', followers: 3_300 },
    mastodon: { username: 'liamoc', followers: 1_100, server: 1 },
  }),
  person('grace', 'Grace Kim', 1, {
    mastodon: { username: 'gracekim', followers: 610, server: 0 },
  }),
  person('tariq', 'Tariq Hussain', 1, {
    x: { username: 'tariq_h_drives', followers: 380 },
    bluesky: { username: 'tariqh.bsky.social', followers: 240 },
  }),
  person('ines', 'Inês Carvalho', 1, {
    bluesky: { username: 'inescarvalho.bsky.social', followers: 5_600 },
  }),
  person('ben', 'Ben Adeyemi', 1, {
    x: { username: 'BenAdeyemi', followers: 2_400 },
    mastodon: { username: 'benadeyemi', followers: 310, server: 1 },
  }),
  person('yuki', 'Yuki Tanaka', 1, {
    mastodon: { username: 'yukit', followers: 880, server: 1 },
  }),
  person('rosa', 'Rosa Mendes', 1, {
    x: { username: 'rosa_mendes_ops', followers: 1_050 },
    bluesky: { username: 'rosamendes.bsky.social', followers: 690 },
  }),
];

/** Every (member, network) pair that can post: the simulation picks authors from these. */
export function castAccounts(cast: readonly CastMember[] = CAST): Array<{ member: CastMember; network: DemoNetwork; account: CastAccount }> {
  return cast.flatMap((member) =>
    (Object.entries(member.accounts) as Array<[DemoNetwork, CastAccount]>).map(([network, account]) => ({ member, network, account })),
  );
}
