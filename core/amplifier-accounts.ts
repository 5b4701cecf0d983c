// The optional amplifier account map (AMPLIFIER_ACCOUNTS_FILE): which accounts on which networks
// are one person's, so amplifiers, share of voice and the exports count that person once. Parsing
// is pure (text in, map or a list of located problems out); reading the file is the caller's.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { LocatedIssuesError, type LocatedIssue } from './located-issues.js';
import { collectedNetworkIds } from './networks.js';
import type { Network } from './types.js';

/** One problem in the file, located for an editor (1-based). */
export type AccountMapIssue = LocatedIssue;

export class AccountMapError extends LocatedIssuesError<AccountMapIssue> {
  override name = 'AccountMapError';
  constructor(file: string, issues: readonly AccountMapIssue[]) {
    super(file, issues, `${file} (AMPLIFIER_ACCOUNTS_FILE)`);
  }
}

export interface MappedPerson {
  name: string;
  accounts: Array<{ network: Network; username: string }>;
}

export interface AccountMap {
  people: readonly MappedPerson[];
  /** The person an account belongs to, or null when the file does not name it. */
  personOf(network: Network, username: string): string | null;
}

/** A map that names nobody: every account is its own person. */
export const NO_ACCOUNT_MAP: AccountMap = { people: [], personOf: () => null };

/** Usernames compare without a leading @ and case-insensitively (handles are case-insensitive everywhere we collect). */
export function normalizeUsername(username: string): string {
  return username.trim().replace(/^@/, '').toLowerCase();
}

const EXAMPLE = 'for example:\npeople:\n  - name: Ana Ruiz\n    x: anaruiz\n    bluesky: ana.bsky.social\n    mastodon: [ana@mastodon.social]';

/** Parses the text of an account map file; `file` only names it in messages. Throws AccountMapError. */
export function parseAccountMap(source: string, file: string): AccountMap {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  const issues: AccountMapIssue[] = [];
  const at = (node: Node | null | undefined, message: string) => {
    const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
    issues.push({ line, column: col, message });
  };
  for (const error of doc.errors) at(null, `YAML syntax: ${error.message.split('\n')[0]}`);
  if (issues.length > 0) throw new AccountMapError(file, issues);
  const root = doc.contents;
  const list = isMap(root) ? root.get('people', true) : null;
  if (!isSeq(list)) {
    at(root, `must hold a "people:" list, ${EXAMPLE}`);
    throw new AccountMapError(file, issues);
  }
  const people: MappedPerson[] = [];
  const owner = new Map<string, string>();
  for (const entry of list.items) {
    const person = readPerson(entry as Node, at);
    if (!person) continue;
    if (people.some((other) => other.name === person.name)) at(entry as Node, `"${person.name}" is listed twice: give each person one entry`);
    for (const account of person.accounts) {
      const key = `${account.network}:${account.username}`;
      const previous = owner.get(key);
      if (previous !== undefined && previous !== person.name) at(entry as Node, `${account.network} account ${account.username} is already ${previous}'s: an account belongs to one person`);
      owner.set(key, person.name);
    }
    people.push(person);
  }
  if (issues.length > 0) throw new AccountMapError(file, issues);
  return { people, personOf: (network, username) => owner.get(`${network}:${normalizeUsername(username)}`) ?? null };
}

/** One `- name: …` entry, or null after recording what is wrong with it. */
function readPerson(entry: Node, at: (node: Node | null | undefined, message: string) => void): MappedPerson | null {
  if (!isMap(entry)) {
    at(entry, `each person is a map with a name and their accounts, ${EXAMPLE}`);
    return null;
  }
  const networks = collectedNetworkIds();
  let name: string | null = null;
  const accounts: MappedPerson['accounts'] = [];
  for (const pair of entry.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (key === 'name') {
      name = isScalar(value) && String(value.value ?? '').trim() !== '' ? String(value.value).trim() : null;
      if (name === null) at(value ?? (pair.key as Node), 'name must be text (the person\'s name as staff know them)');
    } else if (networks.includes(key)) {
      const names = isSeq(value) ? value.items : [value];
      for (const item of names) {
        const username = isScalar(item) ? normalizeUsername(String(item.value ?? '')) : '';
        if (username === '') at((item as Node | null) ?? value, `${key} must be a username or a list of usernames`);
        else accounts.push({ network: key, username });
      }
    } else at(pair.key as Node, `unknown field "${key}": use name and one of ${networks.join(', ')}`);
  }
  if (name === null && !entry.items.some((pair) => isScalar(pair.key) && pair.key.value === 'name')) at(entry, 'name is required');
  if (accounts.length === 0) at(entry, `lists no account: add at least one of ${networks.join(', ')}`);
  return name !== null && accounts.length > 0 ? { name, accounts } : null;
}
