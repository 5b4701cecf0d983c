// The campaign content that ships as the example (shareables/sample-content.yaml), loaded as the
// tracker loads it, and the shareables the server tests press most.
import { loadCampaignShareables, type CampaignShareables } from '../../shareables/campaign-shareables.js';
import type { SharePost } from '../../shareables/generate-posts.js';

export const SAMPLE_CONTENT_FILE = new URL('../../shareables/sample-content.yaml', import.meta.url).pathname;

/** The sample content, with its posts generated for `hashtags`. */
export const loadSampleShareables = (hashtags: readonly string[] = ['jobquality']): CampaignShareables => loadCampaignShareables(SAMPLE_CONTENT_FILE, hashtags);

/** The sample content for a campaign tracking #jobquality. */
export const sampleShareables: CampaignShareables = loadSampleShareables();

/** The sample's Northgate Bakery spotlight. */
export const BAKERY = 'northgate-bakery.spotlight';
/** The sample's Riverside Home Care voice. */
export const CARE = 'riverside-care.voice';

/** The post the sample generates for `shareableId` on `network`. */
export function generatedPost(shareableId: string, network: string, shareables: CampaignShareables = sampleShareables): SharePost {
  const post = shareables.generated.posts.find((candidate) => candidate.shareableId === shareableId && candidate.network === network);
  if (!post) throw new Error(`the sample content has no ${network} post for ${shareableId}`);
  return post;
}
