// A pino logger whose lines are kept in memory, for asserting what a run logged (and did not).
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../core/logger.js';

/** A logger and what it wrote: one JSON line per entry, in order. */
export interface CapturedLog {
  log: Logger;
  lines: string[];
  /** Every line, joined with newlines. */
  text(): string;
}

export function captureLogger(level = 'debug'): CapturedLog {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLogger({ level, format: 'json', destination: sink }), lines, text: () => lines.join('\n') };
}
