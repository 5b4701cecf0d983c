// Browser tests drive Debian's Chromium (apt package `chromium`) through playwright-core; they never
// download a browser. This launches it headless and records what a page must never do: throw,
// log console errors (Content-Security-Policy violations among them) or open dialogs.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a quiet, self-contained headless run (no sandbox: CI containers run as root). */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** Chromium is not installed where the browser tests look for it. */
export class ChromiumMissingError extends Error {
  override name = 'ChromiumMissingError';
  constructor(readonly executablePath: string) {
    super(
      `Chromium was not found at ${executablePath}. The browser tests use Debian's package: run \`apt-get install -y chromium\` ` +
        '(.ci/run does this when it is missing). They never download a browser.',
    );
  }
}

/** Launches headless Chromium from `executablePath` (default {@link CHROMIUM_PATH}). */
export async function launchChromium(executablePath = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(executablePath)) throw new ChromiumMissingError(executablePath);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** What went wrong on a page while it was watched. */
export interface PageProblems {
  /** Uncaught exceptions thrown by the page's scripts. */
  errors: string[];
  /** console.error messages, including the browser's own (blocked resources, CSP violations). */
  consoleErrors: string[];
  /** Messages of alert/confirm/prompt dialogs the page opened (each dismissed at once). */
  dialogs: string[];
}

/** Starts recording `page`'s problems; call it before navigating. */
export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { errors: [], consoleErrors: [], dialogs: [] };
  page.on('pageerror', (error) => problems.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('dialog', (dialog) => {
    problems.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return problems;
}

/**
 * Opens `url` in a fresh desktop context (UTC, en-US unless `options` say otherwise) and watches it;
 * `beforeNavigation` gets the page before it loads anything (to record its requests, say).
 */
export async function openWatchedPage(
  browser: Browser,
  url: string,
  options: BrowserContextOptions & { fixedTime?: number; beforeNavigation?: (page: Page) => void } = {},
): Promise<{ page: Page; problems: PageProblems }> {
  const { fixedTime, beforeNavigation, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC', locale: 'en-US', ...contextOptions });
  const page = await context.newPage();
  // The browser's clock agrees with a server whose clock the test pinned.
  if (fixedTime !== undefined) await page.clock.setFixedTime(fixedTime);
  const problems = watchPage(page);
  beforeNavigation?.(page);
  await page.goto(url);
  return { page, problems };
}

/** Waits until the dashboard app (<jq-dashboard>) has finished loading into `state`. */
export async function dashboardSettled(page: Page, state: 'ready' | 'empty' | 'error' | 'signed-out' = 'ready'): Promise<void> {
  await page.waitForSelector(`jq-dashboard[data-state="${state}"]:not([data-busy])`);
}
