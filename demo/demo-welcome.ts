// What `npm run demo` prints once it runs: where to look, who may look (the dashboard's staff
// access, as documented in README "Who may look"), where its reports go and commands to try.
import { demoCommandLine, demoCommands } from './demo-commands.js';

export interface DemoWelcome {
  /** Where the dashboard answers, e.g. http://127.0.0.1:8080 */
  url: string;
  /** Whether DASHBOARD_TOKEN was set, so staff sign in with it (never the token itself). */
  signInRequired: boolean;
  /** The demo's database and reports folder as the reader should type them. */
  database: string;
  reports: string;
  /** This week's label, e.g. 2026-W49 (its week-to-date report's file name). */
  week: string;
}

/** Who may open the dashboard: with a token, those who sign in with it; without, anyone on this machine (the dashboard refuses other addresses then). */
function accessLine(signInRequired: boolean): string {
  return signInRequired
    ? 'Sign in with the DASHBOARD_TOKEN set in this environment (at /login, or send "Authorization: Bearer <token>").\n'
    : 'No sign-in: the dashboard is open to anyone on this machine (loopback only). Set DASHBOARD_TOKEN to have it ask for one, as on HOST addresses other machines reach.\n';
}

/** The demo's start-up message. */
export function demoWelcome(welcome: DemoWelcome): string {
  return (
    `Demo database ${welcome.database} was recreated fresh with a week of simulated posts (it is recreated at every start).\n` +
    `Demo running: open ${welcome.url}/ — all data is simulated by local fake X, Bluesky and Mastodon servers; new posts every minute. Press Ctrl+C to stop.\n` +
    accessLine(welcome.signInRequired) +
    `Weekly reports appear on the dashboard and in ${welcome.reports} after the first collection: ${welcome.week}.html (this week so far) and last week's.\n` +
    `Try the command line on the demo's data, in another terminal:\n` +
    demoCommands()
      .map((command) => `  # ${command.what}\n  ${demoCommandLine(command, welcome.database, welcome.reports)}\n`)
      .join('')
  );
}
