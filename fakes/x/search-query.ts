// X search query language, the subset the tracker needs: hashtags, keywords, "phrases", @mentions,
// from:, lang:, is:/has: filters, '-' negation, OR, parentheses and implicit AND (which binds
// tighter than OR, as X documents). Pure: parse once, then match posts.

export interface SearchablePost {
  text: string;
  /** Lower-cased, NFC hashtags without '#'. */
  hashtags: ReadonlySet<string>;
  mentions: ReadonlySet<string>;
  lang: string;
  kind: 'original' | 'reply' | 'quote' | 'repost';
  authorId: string;
  authorUsername: string;
  authorVerified: boolean;
  hasLinks: boolean;
}

export type QueryNode =
  | { op: 'or' | 'and'; children: QueryNode[] }
  | { op: 'not'; child: QueryNode }
  | { op: 'term'; standalone: boolean; test: (post: SearchablePost) => boolean };

/** A query X would refuse, with X's wording; `notEmulated` marks valid X syntax the fake does not support. */
export class QuerySyntaxError extends Error {
  override name = 'QuerySyntaxError';
  constructor(
    message: string,
    readonly notEmulated = false,
  ) {
    super(message);
  }
}

/** Operators that exist on X but that this fake does not evaluate. */
const REAL_BUT_NOT_EMULATED = new Set([
  'to', 'url', 'retweets_of', 'context', 'entity', 'conversation_id', 'bio', 'bio_name', 'bio_location', 'place',
  'place_country', 'point_radius', 'bounding_box', 'sample', 'followers_count', 'list', 'in_reply_to_tweet_id',
  'retweets_of_tweet_id', 'quotes_of_tweet_id', 'source',
]);
const IS_VALUES = new Set(['retweet', 'reply', 'quote', 'verified', 'nullcast']);
const HAS_VALUES = new Set(['hashtags', 'links', 'mentions', 'cashtags', 'media', 'images', 'videos', 'geo']);

type Token =
  | { kind: '(' | ')' | 'or' | '-'; position: number }
  | { kind: 'word'; value: string; position: number }
  | { kind: 'phrase'; value: string; position: number };

const normalize = (value: string) => value.normalize('NFC').toLowerCase();

/** Splits text into X-style search tokens: runs of letters, digits and underscores, case-insensitive. */
export function searchTokens(text: string): string[] {
  return normalize(text).split(/[^\p{L}\p{M}\p{N}_]+/u).filter(Boolean);
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function syntaxError(detail: string, position: number): QuerySyntaxError {
  return new QuerySyntaxError(`There were errors processing your request: ${detail} (at position ${position})`);
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const char = query[i]!;
    const position = i + 1;
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === '(' || char === ')') {
      tokens.push({ kind: char, position });
      i += 1;
    } else if (char === '"') {
      const close = query.indexOf('"', i + 1);
      if (close === -1) throw syntaxError(`missing '"' at '<EOF>'`, query.length + 1);
      tokens.push({ kind: 'phrase', value: query.slice(i + 1, close), position });
      i = close + 1;
    } else if (char === '-' && i + 1 < query.length && !/\s/.test(query[i + 1]!)) {
      tokens.push({ kind: '-', position });
      i += 1;
    } else {
      let end = i;
      while (end < query.length && !/[\s()"]/.test(query[end]!)) end += 1;
      const value = query.slice(i, end);
      tokens.push(value === 'OR' ? { kind: 'or', position } : { kind: 'word', value, position });
      i = end;
    }
  }
  return tokens;
}

function wordTerm(value: string, position: number): QueryNode {
  if (value.startsWith('#')) {
    const tag = normalize(value.slice(1));
    if (!/^[\p{L}\p{M}\p{N}_]+$/u.test(tag)) throw syntaxError(`Invalid hashtag '${value}'`, position);
    return { op: 'term', standalone: true, test: (post) => post.hashtags.has(tag) };
  }
  if (value.startsWith('@')) {
    const name = value.slice(1).toLowerCase();
    return { op: 'term', standalone: true, test: (post) => post.mentions.has(name) };
  }
  const operator = /^([a-z_]+):(.+)$/i.exec(value);
  if (operator && !value.includes('://')) {
    const name = operator[1]!.toLowerCase();
    const argument = operator[2]!;
    switch (name) {
      case 'from': {
        const who = argument.toLowerCase();
        return { op: 'term', standalone: true, test: (post) => post.authorUsername.toLowerCase() === who || post.authorId === argument };
      }
      case 'lang':
        return { op: 'term', standalone: false, test: (post) => post.lang === argument };
      case 'is':
        if (!IS_VALUES.has(argument)) throw syntaxError(`Reference to invalid operator 'is:${argument}'`, position);
        return { op: 'term', standalone: false, test: isTest(argument) };
      case 'has':
        if (!HAS_VALUES.has(argument)) throw syntaxError(`Reference to invalid operator 'has:${argument}'`, position);
        return { op: 'term', standalone: false, test: hasTest(argument) };
      default:
        if (REAL_BUT_NOT_EMULATED.has(name)) throw new QuerySyntaxError(`the search operator '${name}:'`, true);
        throw syntaxError(`Reference to invalid field '${name}'`, position);
    }
  }
  const words = searchTokens(value);
  return { op: 'term', standalone: words.length > 0, test: (post) => containsSequence(searchTokens(post.text), words) };
}

function isTest(value: string): (post: SearchablePost) => boolean {
  switch (value) {
    case 'retweet':
      return (post) => post.kind === 'repost';
    case 'reply':
      return (post) => post.kind === 'reply';
    case 'quote':
      return (post) => post.kind === 'quote';
    case 'verified':
      return (post) => post.authorVerified;
    default:
      return () => false;
  }
}

function hasTest(value: string): (post: SearchablePost) => boolean {
  switch (value) {
    case 'hashtags':
      return (post) => post.hashtags.size > 0;
    case 'links':
      return (post) => post.hasLinks;
    case 'mentions':
      return (post) => post.mentions.size > 0;
    default:
      // The fake has no media, cashtags or geo.
      return () => false;
  }
}

class Parser {
  private index = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  parse(): QueryNode {
    const node = this.orExpression();
    const extra = this.tokens[this.index];
    if (extra) throw syntaxError(`extraneous input '${extra.kind === 'word' || extra.kind === 'phrase' ? extra.value : extra.kind}'`, extra.position);
    return node;
  }

  private orExpression(): QueryNode {
    const children = [this.andExpression()];
    while (this.tokens[this.index]?.kind === 'or') {
      this.index += 1;
      children.push(this.andExpression());
    }
    return children.length === 1 ? children[0]! : { op: 'or', children };
  }

  private andExpression(): QueryNode {
    const children: QueryNode[] = [];
    for (;;) {
      const token = this.tokens[this.index];
      if (!token || token.kind === 'or' || token.kind === ')') break;
      children.push(this.unary());
    }
    if (children.length === 0) {
      const token = this.tokens[this.index];
      throw syntaxError(`no viable alternative at input '${token ? (token.kind === 'or' ? 'OR' : token.kind) : '<EOF>'}'`, token?.position ?? this.length + 1);
    }
    return children.length === 1 ? children[0]! : { op: 'and', children };
  }

  private unary(): QueryNode {
    if (this.tokens[this.index]?.kind === '-') {
      this.index += 1;
      return { op: 'not', child: this.primary() };
    }
    return this.primary();
  }

  private primary(): QueryNode {
    const token = this.tokens[this.index];
    if (!token) throw syntaxError(`no viable alternative at input '<EOF>'`, this.length + 1);
    this.index += 1;
    switch (token.kind) {
      case '(': {
        const inner = this.orExpression();
        if (this.tokens[this.index]?.kind !== ')') throw syntaxError(`missing ')' at '<EOF>'`, this.tokens[this.index]?.position ?? this.length + 1);
        this.index += 1;
        return inner;
      }
      case 'phrase': {
        const words = searchTokens(token.value);
        return { op: 'term', standalone: words.length > 0, test: (post) => containsSequence(searchTokens(post.text), words) };
      }
      case 'word':
        return wordTerm(token.value, token.position);
      default:
        throw syntaxError(`no viable alternative at input '${token.kind === 'or' ? 'OR' : token.kind}'`, token.position);
    }
  }
}

/** True when some branch can match on its own: X refuses queries made only of negations and filters. */
function hasPositiveStandalone(node: QueryNode): boolean {
  switch (node.op) {
    case 'term':
      return node.standalone;
    case 'not':
      return false;
    case 'and':
      return node.children.some(hasPositiveStandalone);
    case 'or':
      return node.children.every(hasPositiveStandalone);
  }
}

/** Parses a search query or throws QuerySyntaxError with the message X would give. */
export function parseSearchQuery(query: string): QueryNode {
  const node = new Parser(tokenize(query), query.length).parse();
  if (!hasPositiveStandalone(node)) throw syntaxError('Rules must contain a non-negation term', 1);
  return node;
}

export function matchesQuery(node: QueryNode, post: SearchablePost): boolean {
  switch (node.op) {
    case 'term':
      return node.test(post);
    case 'not':
      return !matchesQuery(node.child, post);
    case 'and':
      return node.children.every((child) => matchesQuery(child, post));
    case 'or':
      return node.children.some((child) => matchesQuery(child, post));
  }
}
