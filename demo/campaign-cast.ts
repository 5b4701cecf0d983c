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

/** An account as the table writes it: username (or handle), followers and, on Mastodon, the home server (0 or 1). */
type AccountCell = readonly [username: string, followers: number, server?: 0 | 1];

/** One row of the table: key, name, relative activity, and the accounts by network. */
type MemberRow = [key: string, name: string, activity: number, cells: Partial<Record<DemoNetwork, AccountCell>>];

function member(kind: CastMember['kind'], ...[key, name, activity, cells]: MemberRow): CastMember {
  const accounts: CastMember['accounts'] = {};
  for (const [network, [username, followers, server]] of Object.entries(cells) as Array<[DemoNetwork, AccountCell]>) {
    accounts[network] = server === undefined ? { username, followers } : { username, followers, server };
  }
  return { key, name, kind, activity, accounts };
}
const org = (...row: MemberRow) => member('organisation', ...row);
const person = (...row: MemberRow) => member('person', ...row);

/** Every name, handle and figure here is invented for the demo. One member a row: key, name, activity, then their accounts. */
export const CAST: readonly CastMember[] = [
  org('fairshift', 'Fair Shift Alliance', 4, { x: ['FairShiftAlly', 18_400], bluesky: ['fairshift.bsky.social', 9_200], mastodon: ['fairshift', 3_100, 0] }),
  org('decentworklab', 'Decent Work Lab', 3, { x: ['DecentWorkLab', 7_900], bluesky: ['decentworklab.bsky.social', 5_400], mastodon: ['decentworklab', 2_200, 1] }),
  org('goodjobscoalition', 'Good Jobs Coalition', 3, { x: ['GoodJobsCo', 24_000], bluesky: ['goodjobscoalition.bsky.social', 6_800] }),
  org('riversidecare', 'Riverside Home Care Co-op', 2, { x: ['RiversideCareCo', 1_350], mastodon: ['riversidecare', 640, 0] }),
  org('northgatebakery', 'Northgate Bakery', 1, { x: ['NorthgateBakes', 2_900], bluesky: ['northgatebakery.bsky.social', 880] }),
  org('workvoicefund', 'Worker Voice Fund', 2, { bluesky: ['workervoice.bsky.social', 4_100], mastodon: ['workervoice', 1_900, 1] }),
  org('metrolabourcouncil', 'Metro Labour Council', 2, { x: ['MetroLabourCncl', 11_200], mastodon: ['metrolabour', 2_700, 0] }),
  org('schedulewatch', 'Schedule Watch', 2, { bluesky: ['schedulewatch.bsky.social', 3_300], mastodon: ['schedulewatch', 1_450, 1] }),
  org('jobqualitynetwork', 'Job Quality Research Network', 2, { x: ['JQResearchNet', 5_600], bluesky: ['jqresearch.bsky.social', 7_700], mastodon: ['jqresearch', 4_300, 1] }),
  org('careworkersunion', 'Care Workers Together', 2, { x: ['CareWrkrsTgthr', 9_800], bluesky: ['careworkers.bsky.social', 2_600] }),
  org('brightwarehouse', 'Brightline Warehousing', 1, { x: ['BrightlineWH', 4_200] }),
  org('citygreens', 'City Greens Grocers', 1, { bluesky: ['citygreens.bsky.social', 1_100], mastodon: ['citygreens', 390, 0] }),
  org('hospitalityforward', 'Hospitality Forward', 1, { x: ['HospForward', 6_300], bluesky: ['hospitalityforward.bsky.social', 1_900] }),
  org('smallbizgoodwork', 'Small Business for Good Work', 1, { x: ['SmallBizGoodWrk', 3_700], mastodon: ['smallbizgoodwork', 820, 0] }),
  person('amara', 'Amara Osei', 3, { x: ['amara_cares', 2_100], mastodon: ['amara', 950, 0] }),
  person('tomasz', 'Tomasz Nowak', 1, { x: ['tomasz_bakes', 640] }),
  person('leila', 'Leila Haddad', 3, { bluesky: ['leilahaddad.bsky.social', 12_400], mastodon: ['leila', 5_200, 1] }),
  person('marcus', 'Marcus Bell', 2, { x: ['MarcusBellEcon', 31_000], bluesky: ['marcusbell.bsky.social', 14_800] }),
  person('priya', 'Priya Raman', 2, { bluesky: ['priyaraman.bsky.social', 3_900] }),
  person('diego', 'Diego Alvarez', 2, { x: ['diego_on_shift', 870], bluesky: ['diegoalvarez.bsky.social', 410] }),
  person('hannah', 'Hannah Schulz', 1, { mastodon: ['hschulz', 1_300, 1] }),
  person('kwame', 'Kwame Mensah', 2, { x: ['KwameMensahHR', 5_100] }),
  person('sofia', 'Sofia Rossi', 2, { bluesky: ['sofiarossi.bsky.social', 2_250], mastodon: ['sofia', 780, 0] }),
  person('jun', 'Jun Park', 1, { x: ['junpark_ops', 1_900] }),
  person('ngozi', 'Ngozi Eze', 2, { x: ['NgoziEzeWrites', 8_700], bluesky: ['ngozieze.bsky.social', 6_100] }),
  person('oliver', 'Oliver Grant', 1, { mastodon: ['ogrant', 260, 0] }),
  person('maria', 'María López', 2, { x: ['maria_lopez_rn', 1_450], mastodon: ['marialopez', 520, 1] }),
  person('ravi', 'Ravi Shah', 1, { bluesky: ['ravishah.bsky.social', 970] }),
  person('elena', 'Elena Petrova', 1, { mastodon: ['epetrova', 2_050, 1] }),
  person('sam', 'Sam Whitaker', 2, { x: ['SamWhitaker', 12_600] }),
  person('aisha', 'Aisha Bello', 2, { bluesky: ['aishabello.bsky.social', 1_650], mastodon: ['aisha', 430, 0] }),
  person('chen', 'Chen Wei', 1, { x: ['chenwei_retail', 720] }),
  person('fatima', 'Fatima Zahra', 1, { bluesky: ['fatimazahra.bsky.social', 2_800] }),
  person('liam', 'Liam O’Connor', 1, { x: ['liamoc_union', 3_300], mastodon: ['liamoc', 1_100, 1] }),
  person('grace', 'Grace Kim', 1, { mastodon: ['gracekim', 610, 0] }),
  person('tariq', 'Tariq Hussain', 1, { x: ['tariq_h_drives', 380], bluesky: ['tariqh.bsky.social', 240] }),
  person('ines', 'Inês Carvalho', 1, { bluesky: ['inescarvalho.bsky.social', 5_600] }),
  person('ben', 'Ben Adeyemi', 1, { x: ['BenAdeyemi', 2_400], mastodon: ['benadeyemi', 310, 1] }),
  person('yuki', 'Yuki Tanaka', 1, { mastodon: ['yukit', 880, 1] }),
  person('rosa', 'Rosa Mendes', 1, { x: ['rosa_mendes_ops', 1_050], bluesky: ['rosamendes.bsky.social', 690] }),
];

/** Every (member, network) pair that can post: the simulation picks authors from these. */
export function castAccounts(cast: readonly CastMember[] = CAST): Array<{ member: CastMember; network: DemoNetwork; account: CastAccount }> {
  return cast.flatMap((member) =>
    (Object.entries(member.accounts) as Array<[DemoNetwork, CastAccount]>).map(([network, account]) => ({ member, network, account })),
  );
}
