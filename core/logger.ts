// The one structured logger (pino). Logs go to stderr so command output on stdout stays clean;
// people get short readable lines, machines get JSON with LOG_FORMAT=json.
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: string;
  format?: 'pretty' | 'json';
  /** Where lines go; defaults to stderr. Tests pass a collecting stream. */
  destination?: NodeJS.WritableStream;
}

// Header names that can carry credentials; redacted wherever they appear in a log object.
const REDACT_PATHS = ['authorization', '*.authorization', 'headers.authorization', '*.headers.authorization', 'token', '*.token', 'password', '*.password'];

export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? process.stderr;
  const stream = options.format === 'json' ? destination : prettyStream(destination);
  return pino({ level: options.level ?? 'info', base: undefined, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, stream);
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** Formats pino's JSON lines as `HH:MM:SS LEVEL [module] message key=value`. */
function prettyStream(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        const { level, time, msg, module, ...rest } = JSON.parse(line) as Record<string, unknown>;
        const clock = new Date(Number(time)).toISOString().slice(11, 19);
        const extras = Object.entries(rest)
          .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
          .join(' ');
        const where = module ? ` [${String(module)}]` : '';
        out.write(`${clock} ${LEVEL_NAMES[Number(level)] ?? level}${where} ${String(msg ?? '')}${extras ? ` ${extras}` : ''}\n`);
      }
      done();
    },
  });
}
