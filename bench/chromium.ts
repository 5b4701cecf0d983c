// Debian's Chromium (apt package `chromium`) for the benchmarks that load a page, launched headless
// with the same quiet flags as the browser tests (tests/helpers/browser.ts); never a downloaded browser.
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** Launches headless Chromium from /usr/bin/chromium. */
export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
