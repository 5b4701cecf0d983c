// Checks JSON against Bluesky lexicons (the copies in tests/fixtures/reference/bluesky-lexicons),
// so the fake's answers are held to the published schemas rather than to our own reading of them.
// Covers what the fake serves: objects, required fields, strings with formats, integers, arrays,
// refs and open unions; refs into lexicons not on file are not followed.
import { readdirSync, readFileSync } from 'node:fs';

type LexType = Record<string, any>;

const FORMATS: Record<string, RegExp> = {
  datetime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  'at-uri': /^at:\/\/[^/\s]+(\/[a-zA-Z0-9.-]+(\/[^/\s]+)?)?$/,
  did: /^did:[a-z]+:[a-zA-Z0-9._:%-]+$/,
  handle: /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/,
  cid: /^b[a-z2-7]{20,}$/,
  uri: /^[a-z][a-z0-9+.-]*:\S+$/,
  language: /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*$/,
  'at-identifier': /^(did:[a-z]+:\S+|([a-zA-Z0-9-]+\.)+[a-zA-Z]+)$/,
};

export class LexiconChecker {
  private readonly docs = new Map<string, { defs: Record<string, LexType> }>();

  /** Loads every lexicon JSON file in `dir`. */
  constructor(dir: URL) {
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
      const doc = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { id: string; defs: Record<string, LexType> };
      this.docs.set(doc.id, doc);
    }
  }

  /** Problems with `value` as the def `ref` (e.g. "app.bsky.feed.defs#postView"); empty when it conforms. */
  check(value: unknown, ref: string): string[] {
    const problems: string[] = [];
    const def = this.resolve(ref, '');
    if (!def) throw new Error(`LexiconChecker: no lexicon def ${ref} on file`);
    this.checkType(value, def.type === 'record' ? def.record : def, ref.split('#')[0]!, '$', problems);
    return problems;
  }

  /** The output schema of a query or procedure, e.g. app.bsky.feed.searchPosts. */
  checkOutput(value: unknown, method: string): string[] {
    const main = this.resolve(method, '');
    if (!main?.output?.schema) throw new Error(`LexiconChecker: ${method} has no output schema on file`);
    const problems: string[] = [];
    this.checkType(value, main.output.schema, method, '$', problems);
    return problems;
  }

  private resolve(ref: string, currentId: string): LexType | undefined {
    const [id, name] = ref.startsWith('#') ? [currentId, ref.slice(1)] : [ref.split('#')[0]!, ref.split('#')[1] ?? 'main'];
    return this.docs.get(id)?.defs[name];
  }

  private checkType(value: unknown, type: LexType, docId: string, path: string, problems: string[]): void {
    const fail = (message: string) => problems.push(`${path}: ${message}`);
    switch (type.type) {
      case 'object': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return void fail('must be an object');
        const object = value as Record<string, unknown>;
        for (const name of type.required ?? []) if (object[name] === undefined) fail(`missing required "${name}"`);
        for (const [name, property] of Object.entries<LexType>(type.properties ?? {})) {
          if (object[name] !== undefined) this.checkType(object[name], property, docId, `${path}.${name}`, problems);
        }
        return;
      }
      case 'string': {
        if (typeof value !== 'string') return void fail('must be a string');
        if (type.format && FORMATS[type.format] && !FORMATS[type.format]!.test(value)) fail(`"${value}" is not a valid ${type.format}`);
        if (type.maxLength !== undefined && Buffer.byteLength(value) > type.maxLength) fail(`longer than ${type.maxLength} bytes`);
        if (type.maxGraphemes !== undefined && [...new Intl.Segmenter().segment(value)].length > type.maxGraphemes) fail(`more than ${type.maxGraphemes} graphemes`);
        return;
      }
      case 'integer':
        if (!Number.isInteger(value)) return void fail('must be an integer');
        if (type.minimum !== undefined && (value as number) < type.minimum) fail(`below ${type.minimum}`);
        if (type.maximum !== undefined && (value as number) > type.maximum) fail(`above ${type.maximum}`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') fail('must be a boolean');
        return;
      case 'array':
        if (!Array.isArray(value)) return void fail('must be an array');
        if (type.maxLength !== undefined && value.length > type.maxLength) fail(`more than ${type.maxLength} items`);
        value.forEach((item, i) => this.checkType(item, type.items, docId, `${path}[${i}]`, problems));
        return;
      case 'ref': {
        const target = this.resolve(type.ref, docId);
        if (target) this.checkType(value, target.type === 'record' ? target.record : target, type.ref.startsWith('#') ? docId : type.ref.split('#')[0]!, path, problems);
        return;
      }
      case 'union': {
        const $type = (value as { $type?: unknown } | null)?.$type;
        if (typeof $type !== 'string') return void fail('a union member must carry $type');
        const refs: string[] = type.refs.map((ref: string) => (ref.startsWith('#') ? `${docId}${ref}` : ref));
        const normalized = $type.includes('#') ? $type : `${$type}#main`;
        const matching = refs.find((ref) => (ref.includes('#') ? ref : `${ref}#main`) === normalized);
        if (!matching) {
          if (type.closed) fail(`$type ${$type} is not one of ${refs.join(', ')}`);
          return;
        }
        const target = this.resolve(matching, docId);
        if (target) this.checkType(value, target.type === 'record' ? target.record : target, matching.split('#')[0]!, path, problems);
        return;
      }
      default:
        // unknown, blob, bytes, cid-link, token: accepted as they are.
        return;
    }
  }
}
