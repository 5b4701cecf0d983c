// The memory of a process doing only what the dashboard server does with a database: open it, build
// the in-memory post index, answer every dashboard request once. Run in a child process of its own
// (`measureServerMemory`), so the benchmark's other data does not count; the child prints its RSS.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../core/logger.js';
import { openDatabase } from '../db/connection.js';
import { postIndexOf, setPostIndexTimeZone } from '../db/post-index.js';
import { benchApp, dashboardCases } from './measure-api.js';

export interface ServerMemory {
  /** RSS after opening the database, after building the index, and after answering every request once. */
  openedBytes: number;
  indexedBytes: number;
  answeredBytes: number;
  indexBuildMs: number;
}

interface ChildArguments {
  file: string;
  now: number;
  timeZone: string;
  hashtags: string[];
}

async function runChild(args: ChildArguments): Promise<ServerMemory> {
  const db = openDatabase(args.file);
  const openedBytes = process.memoryUsage().rss;
  const started = performance.now();
  setPostIndexTimeZone(db, args.timeZone);
  postIndexOf(db);
  const indexBuildMs = performance.now() - started;
  const indexedBytes = process.memoryUsage().rss;
  const app = benchApp({ db, now: args.now, timeZone: args.timeZone, hashtags: args.hashtags, log: createLogger({ level: 'warn' }), cacheAnswers: true });
  for (const { path } of dashboardCases(args.now, args.timeZone, args.hashtags)) await (await app.fetch(new Request(`http://127.0.0.1${path}`))).arrayBuffer();
  return { openedBytes, indexedBytes, answeredBytes: process.memoryUsage().rss, indexBuildMs };
}

/** Forks this module on `file` and returns what the child measured. */
export function measureServerMemory(args: ChildArguments): Promise<ServerMemory> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(args)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [] });
    child.once('message', (message) => resolve(message as ServerMemory));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`the server-memory child exited with ${code}`))));
  });
}

if (process.send && process.argv[2]) {
  runChild(JSON.parse(process.argv[2]) as ChildArguments).then(
    (memory) => process.send!(memory, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`server memory failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
