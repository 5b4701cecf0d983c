// A post the report's own existence check finds deleted (and purges) is left out of the report's
// numbers, not only out of its quoted posts.
import { describe, expect, test } from 'vitest';
import { purgeRemovedPost, selectLivePostsByNetworkId } from '../../db/posts.js';
import { seedDatabase } from '../helpers/seed-database.js';
import { seededReport } from '../helpers/seeded-report.js';

const NY = 'America/New_York';

describe('weekly report after its existence check', () => {
  test('a top post the check just removed is not counted in the week\'s posts or engagements', async () => {
    const seed = seedDatabase();
    const before = await seededReport(seed);
    const gone = before.topPosts[0]!;
    const checked = await seededReport(seed, {
      // As checkPostsStillExist does: the network says the best post is deleted, so it is purged.
      verifyPostsExist: async (posts) => {
        const [target] = selectLivePostsByNetworkId(seed.db, gone.network, [gone.id]);
        purgeRemovedPost(seed.db, target!.postId, 'deleted', seed.now);
        return { confirmed: new Set(posts.map((post) => post.id).filter((id) => id !== gone.id)), checkedNetworks: new Set(posts.map((post) => post.network)) };
      },
    });
    expect(checked.kpis.current.posts.total).toBe(before.kpis.current.posts.total - 1);
    expect(checked.kpis.current.engagements).toBe(before.kpis.current.engagements - gone.engagements);
    expect(checked.topPosts.map((post) => post.id)).not.toContain(gone.id);
    seed.db.close();
  });
});
