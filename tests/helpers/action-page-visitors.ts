// The dashboard as the action page's visitors reach it, for the share-counting tests: the sample
// shareables, all three collected networks, behind one trusted proxy that names each visitor.
import type { DashboardServer, DashboardServerOptions } from '../../dashboard/server/server.js';
import type { AnswersRequests } from './ask-api.js';
import { sampleShareables } from './sample-shareables.js';
import { testDashboard } from './test-dashboard.js';

/** The app of a #jobquality dashboard in New York serving the sample shareables behind one proxy hop. */
export function dashboardForVisitors(options: Pick<DashboardServerOptions, 'db'> & Partial<DashboardServerOptions>): DashboardServer['app'] {
  return testDashboard({
    hashtags: ['jobquality'],
    timeZone: 'America/New_York',
    enabledNetworks: ['x', 'bluesky', 'mastodon'],
    shareables: sampleShareables,
    // Presses come from visitors of their own (pressAsNewVisitor), named by the proxy in front.
    trustProxyHops: 1,
    ...options,
  }).app;
}

let visitors = 0;

/** A press from a visitor of their own (the proxy says so in X-Forwarded-For), so the click guard merges no repeats. */
export function pressAsNewVisitor(app: AnswersRequests, path: string, init: RequestInit = {}): Response | Promise<Response> {
  visitors += 1;
  return app.request(path, { ...init, headers: { 'X-Forwarded-For': `198.51.100.${visitors % 250}`, ...(init.headers as Record<string, string> | undefined) } });
}
