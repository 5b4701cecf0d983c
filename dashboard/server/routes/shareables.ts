// GET /api/shareables: how each ready-made post of the campaign was used in the range (clicks,
// copies, posts per network), with the content file's warnings for staff.
import type { Hono } from 'hono';
import { collectedNetworkIds } from '../../../core/networks.js';
import { getShareableAdoption } from '../../../db/shareable-adoption.js';
import { actionPageUrl } from '../../../shareables/action-page/build-action-page.js';
import { shareableLabels } from '../../../shareables/campaign-shareables.js';
import { contentWarnings } from '../../../shareables/content-warnings.js';
import { networkColumns, shareableEntries } from '../shareable-adoption-answer.js';
import { localDate } from '../time-range.js';
import { definitions, rangeJson, type ApiDeps } from './api-deps.js';
import type { ShareableEntry, ShareablesResponse } from '../../contract/index.js';

function adoptionTotals(shareables: readonly ShareableEntry[]): ShareablesResponse['totals'] {
  return {
    clicks: shareables.reduce((sum, entry) => sum + entry.clicks, 0),
    copies: shareables.reduce((sum, entry) => sum + entry.copies, 0),
    posts: shareables.reduce((sum, entry) => sum + entry.posts, 0),
    shareables: shareables.length,
    used: shareables.filter((entry) => entry.posts > 0).length,
  };
}

/** For staff only (the public action page never shows them): what to fix before publishing. */
function staffContentWarnings(deps: ApiDeps) {
  if (!deps.shareables) return [];
  const content = deps.shareables.content;
  return contentWarnings(content, { pageUrl: actionPageUrl(content, deps.publicBaseUrl ?? null), today: localDate(deps.now(), deps.timeZone) });
}

export function shareablesRoutes(api: Hono, deps: ApiDeps): void {
  const { db, timeZone } = deps;
  api.get('/shareables', (c) => {
    const { filters } = deps.parse(c, {});
    const { range, scope } = filters;
    const clickDays = { from: localDate(range.start, timeZone), to: localDate(range.end - 1, timeZone) };
    const input = {
      scopeNetworks: scope.networks,
      networksNarrowed: scope.networks.length < collectedNetworkIds().length,
      enabledNetworks: deps.enabledNetworks,
    };
    const columns = networkColumns(input);
    const rows = getShareableAdoption(db, { window: range, scope, clickDays, clickNetworks: columns.map((column) => column.network) });
    const shareables = shareableEntries({ ...input, rows, labels: deps.shareables ? shareableLabels(deps.shareables) : null }, columns);
    return c.json({
      range: { ...rangeJson(range), timeZone },
      clickDays,
      contentFile: deps.shareables ? 'loaded' : 'unavailable',
      contentWarnings: staffContentWarnings(deps),
      networks: columns,
      totals: adoptionTotals(shareables),
      shareables,
      definitions,
    } satisfies ShareablesResponse);
  });
}
