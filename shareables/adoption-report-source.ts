// The weekly report's shareable adoption: how many of the week's posts used a ready-made post, and
// which ones, from the same summary query the dashboard's Shareables view reads.
import { collectedNetworkIds } from '../core/networks.js';
import type { Db } from '../db/connection.js';
import { getShareableAdoption } from '../db/shareable-adoption.js';
import type { ShareableAdoptionSource } from '../reports/generate-weekly-report.js';
import { shareableLabels, type CampaignShareables } from './campaign-shareables.js';

export interface AdoptionSourceOptions {
  db: Db;
  /** The campaign's shareables (for titles), or null when the content file could not be loaded (ids are shown). */
  loadShareables: () => CampaignShareables | null;
}

/**
 * Posts created in the window (every collected network, every tracked hashtag, as the report's
 * other figures) that used a shareable; each shareable named "<resource title> (<template>)".
 */
export function createShareableAdoptionSource(options: AdoptionSourceOptions): ShareableAdoptionSource {
  return (window) => {
    const rows = getShareableAdoption(options.db, {
      window,
      scope: { networks: collectedNetworkIds(), hashtag: null },
      // The report counts posts; clicks are for the dashboard.
      clickDays: { from: '', to: '' },
      clickNetworks: [],
    });
    const shareables = options.loadShareables();
    const labels = new Map((shareables ? shareableLabels(shareables) : []).map((label) => [label.id, label]));
    const used = rows.filter((row) => row.posts > 0);
    return {
      posts: used.reduce((sum, row) => sum + row.posts, 0),
      items: used.map((row) => {
        const label = labels.get(row.shareableId);
        return { id: row.shareableId, title: label ? `${label.title} (${label.templateId})` : row.shareableId, posts: row.posts };
      }),
    };
  };
}
