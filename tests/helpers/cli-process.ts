// Runs the real `jobquality` command in child processes: the server side is compiled once (tsc, into
// a temporary folder reused while the sources are unchanged) and each call spawns
// `node <out>/cli/bin.js ...` with the environment a test gives it (fakes' URLs, a temp database).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE_DIRS = ['cli', 'collector', 'db', 'shareables', 'reports', 'bench', 'dashboard/server', 'core', 'demo', 'fakes'];
/** Long enough for tsc on a busy two-core machine; use as the beforeAll timeout. */
export const BUILD_TIMEOUT_MS = 300_000;

function sourceFingerprint(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const stat = statSync(path);
        hash.update(`${path}:${stat.size}:${stat.mtimeMs}\n`);
      }
    }
  };
  for (const dir of SOURCE_DIRS) walk(join(ROOT, dir));
  for (const file of ['tsconfig.json', 'tsconfig.build.json']) hash.update(`${file}:${statSync(join(ROOT, file)).mtimeMs}\n`);
  return hash.digest('hex').slice(0, 16);
}

/** Builds of sources long since changed; a day old at least, so no test still running uses them. */
function removeOldBuilds(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith('jobquality-cli-build-')) continue;
    const path = join(tmpdir(), name);
    try {
      if (Date.now() - statSync(path).mtimeMs > 86_400_000) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by another test file.
    }
  }
}

let built: string | null = null;

/**
 * Compiles the server side (once per set of sources; concurrent test files may both compile, the
 * first to finish wins) and returns the folder holding cli/bin.js. The folder gets a package.json
 * (ES modules) and a node_modules link to this checkout's, so the compiled code resolves its packages.
 */
export function buildCli(): string {
  if (built) return built;
  const out = join(tmpdir(), `jobquality-cli-build-${sourceFingerprint()}`);
  if (!existsSync(join(out, 'cli', 'bin.js'))) {
    removeOldBuilds();
    const partial = `${out}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', partial, '--sourceMap', 'false'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    writeFileSync(join(partial, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    symlinkSync(join(ROOT, 'node_modules'), join(partial, 'node_modules'));
    try {
      renameSync(partial, out);
    } catch {
      // Another test file finished the same build first.
      rmSync(partial, { recursive: true, force: true });
    }
  }
  built = out;
  return out;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves when the process has exited. */
  exited: Promise<CliResult>;
  /** Resolves once stdout or stderr contains `text`; rejects if the process exits first. */
  waitForOutput(text: string | RegExp): Promise<void>;
}

/**
 * Spawns `jobquality <args>` with only `env` (plus PATH and HOME) as its environment, in the checkout's
 * folder, JSON logs on stderr. No network variable is inherited: set each network's variables.
 */
export function spawnCli(args: readonly string[], env: Record<string, string>, options: { uid?: number; gid?: number; execArgv?: string[] } = {}): CliProcess {
  const out = buildCli();
  const child = spawn(process.execPath, [...(options.execArgv ?? []), join(out, 'cli', 'bin.js'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid } : {}),
    ...(options.gid !== undefined ? { gid: options.gid } : {}),
  });
  let stdout = '';
  let stderr = '';
  const watchers = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const watcher of watchers) watcher();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const watcher of watchers) watcher();
  });
  const exited = new Promise<CliResult>((resolveExit) => {
    child.on('close', (code, signal) => resolveExit({ code, signal, stdout, stderr }));
  });
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    waitForOutput(text) {
      const seen = () => (typeof text === 'string' ? (stdout + stderr).includes(text) : text.test(stdout + stderr));
      return new Promise<void>((resolveSeen, reject) => {
        if (seen()) return resolveSeen();
        const watcher = () => {
          if (!seen()) return;
          watchers.delete(watcher);
          resolveSeen();
        };
        watchers.add(watcher);
        void exited.then((result) => {
          if (watchers.delete(watcher)) reject(new Error(`the process exited (${result.code ?? result.signal}) before printing ${String(text)}:\n${result.stdout}\n${result.stderr}`));
        });
      });
    },
  };
}

/** Runs `jobquality <args>` to completion. */
export function runCli(args: readonly string[], env: Record<string, string>, options: { uid?: number; gid?: number } = {}): Promise<CliResult> {
  return spawnCli(args, env, options).exited;
}
