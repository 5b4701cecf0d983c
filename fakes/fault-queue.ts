// Faults a test queues on a fake: the next matching request(s) get the fault instead of the normal
// answer. `after` lets that many matching requests through first; `times` repeats the fault.
// Wire faults (stalls, dribbles, huge bodies) apply to any fake's answers; see the second half
// (the bad deliveries themselves are in wire-delivery.ts).
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { deliverFaulty, type Wire } from './wire-delivery.js';

export interface FaultOptions<Scope extends string> {
  /** Which endpoint or method the fault applies to (default any). */
  scope?: Scope | 'any';
  after?: number;
  times?: number;
}

interface QueuedFault<Fault, Scope extends string> {
  fault: Fault;
  scope: Scope | 'any';
  after: number;
  times: number;
}

/** The first half of `body` as JSON text: a cut-off JSON document is never valid JSON, however short. */
export function cutOffJson(body: unknown): string {
  const whole = JSON.stringify(body);
  return whole.slice(0, Math.max(1, Math.floor(whole.length / 2)));
}

export class FaultQueue<Fault, Scope extends string> {
  private readonly queued: Array<QueuedFault<Fault, Scope>> = [];

  /** `owner` names the fake's method in error messages, e.g. "FakeXServer.injectFault". */
  constructor(private readonly owner: string) {}

  add(fault: Fault, options: FaultOptions<Scope> = {}): void {
    const { after = 0, times = 1 } = options;
    if (!Number.isInteger(after) || after < 0 || !Number.isInteger(times) || times < 1) {
      throw new Error(`${this.owner}: after must be an integer ≥ 0 and times an integer ≥ 1 (got after=${after}, times=${times})`);
    }
    this.queued.push({ fault, scope: options.scope ?? 'any', after, times });
  }

  /**
   * The fault due for `req` to `scope`, with a 'drop' fault applied at once (the connection is cut
   * without an answer) and reported as 'dropped', so the fake only answers the other kinds.
   */
  takeFor(scope: Scope, req: IncomingMessage): Exclude<Fault, { kind: 'drop' }> | 'dropped' | null {
    const fault = this.take(scope);
    if ((fault as { kind?: unknown } | null)?.kind !== 'drop') return fault as Exclude<Fault, { kind: 'drop' }> | null;
    req.socket.destroy();
    return 'dropped';
  }

  /** The first queued fault that applies to a request to `scope`, if any; faults still waiting count down `after`. */
  take(scope: Scope): Fault | null {
    const matching = this.queued.filter((queued) => queued.scope === 'any' || queued.scope === scope);
    const due = matching.find((queued) => queued.after === 0);
    if (!due) {
      for (const queued of matching) queued.after -= 1;
      return null;
    }
    due.times -= 1;
    if (due.times <= 0) this.queued.splice(this.queued.indexOf(due), 1);
    return due.fault;
  }
}

// Wire faults: what a stuck server, a slow proxy or a broken upstream does to an otherwise normal
// answer. The fake handles the request as usual (its log, rate limits and state move on as for any
// request) and the fault changes how its answer travels. They live here, beside the loopback server,
// so every fake (X, Bluesky, Mastodon, and any later one) has them without code of its own: a test
// names the fake by its base URL, e.g. injectWireFault(fake.baseUrl, { kind: 'dribble', intervalMs: 500 }).

/** How an answer is delivered badly. */
export type WireFault =
  /** 'headers': nothing is ever sent; 'body': the status, headers and half the body, then silence. */
  | { kind: 'stall'; phase: 'headers' | 'body' }
  /** The real answer, `bytesPerTick` bytes (default 1) every `intervalMs`. */
  | { kind: 'dribble'; intervalMs: number; bytesPerTick?: number }
  /**
   * The real status and headers with a body of `bytes` (decoded): the real JSON followed by spaces, so
   * it stays valid JSON and only its size is wrong. Sent chunked unless `declareLength`; gzip-encoded
   * (a few KB on the wire) when the real answer was.
   */
  | { kind: 'huge-body'; bytes: number; declareLength?: boolean };

export interface WireFaultOptions {
  /** Only requests to this exact path (e.g. '/2/tweets/search/recent'); default any. */
  path?: string;
  after?: number;
  times?: number;
}

/** What happened to one faulted answer, once its connection closed. */
export interface WireFaultOutcome {
  path: string;
  /** Body bytes written to the socket (as sent, so compressed for gzip). */
  bytesSent: number;
  /** True when the client hung up before the answer was complete. */
  clientHungUp: boolean;
}

/** A queued fault's record: every application's outcome, and a promise for the first. */
export interface WireFaultHandle {
  readonly outcomes: ReadonlyArray<WireFaultOutcome>;
  firstOutcome(): Promise<WireFaultOutcome>;
}

interface QueuedWireFault {
  fault: WireFault;
  record(outcome: WireFaultOutcome): void;
}

/** The minimum the wire-fault machinery needs of a loopback server. */
interface ServerLike {
  address(): string | { port: number } | null;
}

const wireFaultQueues = new Map<string, FaultQueue<QueuedWireFault, string>>();

function originOf(server: ServerLike): string {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('wire faults need a server listening on a TCP port');
  return `http://127.0.0.1:${address.port}`;
}

export function registerWireFaults(server: ServerLike): void {
  wireFaultQueues.set(originOf(server), new FaultQueue('injectWireFault'));
}

export function unregisterWireFaults(server: ServerLike): void {
  const address = server.address();
  if (address !== null && typeof address !== 'string') wireFaultQueues.delete(originOf(server));
}

/**
 * Queues a wire fault on the fake listening at `baseUrl` (its `baseUrl` property). Returns a handle
 * that tells the test what reached the client and whether the client gave up.
 */
export function injectWireFault(baseUrl: string, fault: WireFault, options: WireFaultOptions = {}): WireFaultHandle {
  const queue = wireFaultQueues.get(new URL(baseUrl).origin);
  if (!queue) throw new Error(`injectWireFault: no fake server is listening at ${baseUrl}`);
  const outcomes: WireFaultOutcome[] = [];
  let resolveFirst: (outcome: WireFaultOutcome) => void = () => undefined;
  const first = new Promise<WireFaultOutcome>((resolve) => (resolveFirst = resolve));
  const record = (outcome: WireFaultOutcome) => {
    outcomes.push(outcome);
    if (outcomes.length === 1) resolveFirst(outcome);
  };
  queue.add({ fault, record }, { after: options.after, times: options.times, ...(options.path ? { scope: options.path } : {}) });
  return { outcomes, firstOutcome: () => first };
}

/** The wire fault due for this request on this server, if any. */
export function takeWireFault(server: ServerLike, req: IncomingMessage): QueuedWireFault | null {
  const queue = wireFaultQueues.get(originOf(server));
  if (!queue) return null;
  return queue.take(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
}

/**
 * Takes over `res` so that the fake's answer (one writeHead and one end, as the fakes send it) is
 * captured and then delivered as the fault says (wire-delivery.ts).
 */
export function applyWireFault(queued: QueuedWireFault, req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const writeHead = res.writeHead.bind(res) as (status: number, headers: OutgoingHttpHeaders) => ServerResponse;
  const write = res.write.bind(res) as (chunk: Buffer) => boolean;
  const end = res.end.bind(res) as (chunk?: Buffer) => ServerResponse;
  let bytesSent = 0;
  let complete = false;
  const timers = new Set<NodeJS.Timeout>();
  res.once('close', () => {
    for (const timer of timers) clearTimeout(timer);
    queued.record({ path, bytesSent, clientHungUp: !complete });
  });
  const wire: Wire = {
    res,
    status: 200,
    headers: {},
    writeHead: (status, headers) => void writeHead(status, headers),
    send(chunk) {
      bytesSent += chunk.length;
      return write(chunk);
    },
    finish() {
      complete = true;
      end();
    },
    later(ms, step) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) step();
      }, ms);
      timers.add(timer);
    },
  };

  (res as { writeHead: unknown }).writeHead = (code: number, given?: OutgoingHttpHeaders) => {
    wire.status = code;
    wire.headers = { ...(given ?? {}) };
    return res;
  };
  (res as { end: unknown }).end = (chunk?: string | Buffer) => {
    const body = chunk === undefined ? Buffer.alloc(0) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, 'utf8');
    deliverFaulty(wire, queued.fault, body);
    return res;
  };
}
