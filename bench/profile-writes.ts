// Temporary: profiles the write path on a copy of a cached database.
import { copyFileSync, rmSync } from 'node:fs';
import { openDatabase } from '../db/connection.js';
import { measureWritePages } from './measure-writes.js';
import { createCampaign } from './synthetic-campaign.js';

const [file, postsArg, ...variants] = process.argv.slice(2);
const campaign = createCampaign({ posts: Number(postsArg), snapshotsPerPost: 10, days: 180, seed: 1, now: Date.parse('2026-06-30T16:00:00Z') });
const VARIANTS: Record<string, string> = {
  base: '',
  nolog: 'DROP TRIGGER change_log_post_update; DROP TRIGGER change_log_author_update;',
  nocover: 'DROP INDEX posts_by_network_created_covering; DROP INDEX posts_by_author_created_covering;',
  notagroll: 'DROP TRIGGER rollup_hashtags_tag_insert;',
  nogains: 'DROP TRIGGER rollup_gains_snapshot_append; DROP TRIGGER rollup_gains_snapshot_replace; DROP TRIGGER rollup_gains_snapshot_insert;',
  nopostroll: 'DROP TRIGGER rollup_posts_insert; DROP TRIGGER rollup_posts_refresh; DROP TRIGGER rollup_posts_update;',
  noidx: 'DROP INDEX posts_by_created; DROP INDEX posts_by_network_created; DROP INDEX posts_by_author;',
};
for (const variant of variants) {
  const copy = '/tmp/scaleprof/copy.db';
  for (const s of ['', '-wal', '-shm']) rmSync(copy + s, { force: true });
  copyFileSync(file!, copy);
  const db = openDatabase(copy);
  for (const part of variant.split('+')) db.exec(VARIANTS[part]!);
  const result = measureWritePages(db, campaign, 20);
  console.log(variant.padEnd(30), 'new', result.newPostsPage.minMs.toFixed(1), result.newPostsPage.medianMs.toFixed(1), 'refresh', result.refreshPage.minMs.toFixed(1), result.refreshPage.medianMs.toFixed(1));
  db.close();
}
