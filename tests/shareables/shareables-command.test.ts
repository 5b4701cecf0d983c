// `jobquality shareables check|build` as a person runs them: output, exit status, files written.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { registerShareables } from '../../cli/commands/shareables.js';
import { captureProcessOutput } from '../helpers/capture-output.js';
import { cleanUpCliTest } from '../helpers/cli-in-process.js';

const SAMPLE = new URL('../../shareables/sample-content.yaml', import.meta.url).pathname;

let dir: string;
let out: string[];
let err: string[];

async function jobquality(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  out.length = 0;
  err.length = 0;
  process.exitCode = undefined;
  const program = new Command('jobquality').exitOverride();
  program.configureOutput({ writeOut: (text) => out.push(text), writeErr: (text) => err.push(text) });
  registerShareables(program);
  let code = 0;
  try {
    await program.parseAsync(args, { from: 'user' });
    code = Number(process.exitCode ?? 0);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    code = error.exitCode;
  }
  process.exitCode = undefined;
  return { code, out: out.join(''), err: err.join('') };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jq-shareables-cli-'));
  ({ out, err } = captureProcessOutput());
  vi.stubEnv('SHAREABLES_FILE', SAMPLE);
  vi.stubEnv('TRACK_HASHTAGS', 'jobquality');
  vi.stubEnv('PUBLIC_BASE_URL', '');
});

afterEach(() => cleanUpCliTest(dir));

describe('shareables command', () => {
  test('check summarises the sample: resources, posts per network, example links', async () => {
    const result = await jobquality('shareables', 'check');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Content file: ${SAMPLE} is valid.`);
    expect(result.out).toMatch(/Resources: 8 \(stories 2, tools 2, events 2, research 2\)/);
    expect(result.out).toMatch(/^ {2}Bluesky +\d+ posts$/m);
    expect(result.out).toContain('riverside-care: https://example.org/exemplars/riverside-care — example link — replace before publishing');
    expect(result.out).toMatch(/Near the limit[^\n]*\n {2}\S+ on \w+: \d+ \/ \d+/);
  });

  test('check lists what to fix before publishing: example links and the page\'s unknown address', async () => {
    const result = await jobquality('shareables', 'check');
    expect(result.out).toMatch(/Before publishing \(2\):\n {2}8 resources link to example pages \(riverside-care, northgate-bakery, [^)]*\): replace each url/);
    expect(result.out).toContain('The page\'s public address is unknown (set campaign.pageUrl');
    vi.stubEnv('PUBLIC_BASE_URL', 'https://track.example.org');
    expect((await jobquality('shareables', 'check')).out).toContain('Before publishing (1):');
  });

  test('build warns loudly on stderr while example links remain, and the page itself says nothing about them', async () => {
    const target = join(dir, 'page');
    const result = await jobquality('shareables', 'build', '--out', target);
    expect(result.code).toBe(0);
    expect(result.err).toContain('WARNING: this page is not ready to publish (2 problems):');
    expect(result.err).toContain('  ! 8 resources link to example pages');
    expect(readFileSync(join(target, 'index.html'), 'utf8')).not.toMatch(/example (link|page)|replace before publishing/i);
  });

  test('build writes the page where --out says and says where', async () => {
    const target = join(dir, 'site', 'action');
    const result = await jobquality('shareables', 'build', '--out', target);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Action page written to ${target}`);
    expect(result.out).toContain('straight to each network');
    expect(readdirSync(target).sort()).toEqual(['action-page.css', 'action-page.js', 'favicon.svg', 'images', 'index.html', 'posts.json']);
    expect(readFileSync(join(target, 'index.html'), 'utf8')).toContain('https://x.com/intent/post?text=');
  });

  test('build with PUBLIC_BASE_URL routes share buttons through the server', async () => {
    vi.stubEnv('PUBLIC_BASE_URL', 'https://track.example.org');
    const target = join(dir, 'page');
    const result = await jobquality('shareables', 'build', '--out', target);
    expect(result.out).toContain('through https://track.example.org/s/');
    expect(readFileSync(join(target, 'index.html'), 'utf8')).toContain('href="https://track.example.org/s/riverside-care.spotlight/x"');
  });

  test('a bad content file prints file:line:column, the field and the problem, exits 1 and writes nothing', async () => {
    const file = join(dir, 'content.yaml');
    writeFileSync(file, readFileSync(SAMPLE, 'utf8').replace('url: https://example.org/exemplars/northgate-bakery', 'url: northgate-bakery'));
    vi.stubEnv('SHAREABLES_FILE', file);
    const target = join(dir, 'page');
    const result = await jobquality('shareables', 'build', '--out', target);
    const line = readFileSync(file, 'utf8').split('\n').findIndex((text) => text.includes('url: northgate-bakery')) + 1;
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${file}:${line}:10: resources[1].url: must be a full http(s) URL`);
    expect(result.err).toContain('nothing was written');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual(['content.yaml']);
  });

  test('check fails the same way on a bad file', async () => {
    const file = join(dir, 'content.yaml');
    writeFileSync(file, 'campaign: [');
    vi.stubEnv('SHAREABLES_FILE', file);
    const result = await jobquality('shareables', 'check');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(new RegExp(`${file}:\\d+:\\d+: YAML syntax: `));
  });

  test('--help explains each command', async () => {
    const build = await jobquality('shareables', 'build', '--help');
    expect(build.out).toContain('--out <dir>');
    expect(build.out).toContain('./data/action-page');
    expect(build.out).toContain('PUBLIC_BASE_URL');
    const check = await jobquality('shareables', 'check', '--help');
    expect(check.out).toContain('file:line:column');
  });
});
