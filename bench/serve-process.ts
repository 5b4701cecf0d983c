// `jobquality serve` in a child process of its own, as the first-chart benchmark starts it for every
// cold load: the configuration read from the environment, the post index built, the built app and
// the API on a loopback port; only the clock differs, pinned to the benchmark campaign's and moving on from there.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createShareablesLoader } from '../shareables/campaign-shareables.js';
import { createConfiguredDashboard, listenConfigured } from '../cli/configured-dashboard.js';
import { createRuntime } from '../cli/runtime.js';

/** What the child is told: its environment (as `serve` reads it) and the clock to start from. */
export interface ServeProcessOptions {
  env: Record<string, string>;
  now: number;
}

/** A running child server. */
export interface ServeProcess {
  /** Where the dashboard listens, e.g. http://127.0.0.1:41234. */
  url: string;
  /** From fork to listening (process start, database open, post index and run log loaded). */
  startMs: number;
  /** CPU time the server process has used so far (ms): on a shared machine, its work without the wait for a core. */
  cpuMs(): Promise<number>;
  /** Stops the child (SIGTERM, as Ctrl+C stops `serve`) and waits for it to exit. */
  stop(): Promise<void>;
}

async function runChild(options: ServeProcessOptions): Promise<string> {
  const runtime = createRuntime(options.env, { readonly: 'when-not-writable' });
  const { config, log } = runtime;
  const shareables = createShareablesLoader({ file: config.shareablesFile, hashtags: config.hashtags, log })();
  const started = Date.now();
  const server = createConfiguredDashboard(runtime, { demo: false, shareables, now: () => options.now + (Date.now() - started) });
  const running = await listenConfigured(server, config);
  process.on('message', (message) => {
    if (message !== 'cpu') return;
    const used = process.cpuUsage();
    process.send!((used.user + used.system) / 1000);
  });
  // A benchmark that died leaves no server behind.
  process.once('disconnect', () => process.exit(0));
  process.once('SIGTERM', () => {
    void running.close().then(() => {
      runtime.close();
      process.exit(0);
    });
  });
  return running.dashboard.url;
}

/** Forks a server on `options` and resolves once it listens. */
export function startServeProcess(options: ServeProcessOptions): Promise<ServeProcess> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(options)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [] });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the server process exited with ${code} before listening`)));
    child.once('message', (url) =>
      resolve({
        url: String(url),
        startMs: performance.now() - started,
        cpuMs: () =>
          new Promise((answered) => {
            child.once('message', (ms) => answered(Number(ms)));
            child.send('cpu');
          }),
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      }),
    );
  });
}

if (process.send && process.argv[2]) {
  runChild(JSON.parse(process.argv[2]) as ServeProcessOptions).then(
    (url) => process.send!(url),
    (error: unknown) => {
      process.stderr.write(`the server process failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
