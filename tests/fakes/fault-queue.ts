// Faults a test queues on a fake: the next matching request(s) get the fault instead of the normal
// answer. `after` lets that many matching requests through first; `times` repeats the fault.
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
