// Rows for `export posts`: one per live post with its latest reading. Removed posts never leave.
import type { Network } from '../core/types.js';
import type { Db } from './connection.js';
import { statement } from './statements.js';

export interface ExportRow {
  network: Network;
  id: string;
  url: string;
  author_username: string;
  author_followers: number | null;
  created_at: string;
  text: string;
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  quotes: number | null;
  bookmarks: number | null;
  impressions: number | null;
  hashtags: string[];
}

export interface ExportFilter {
  since?: number | undefined;
  until?: number | undefined;
  networks?: readonly Network[] | undefined;
}

interface RawRow extends Omit<ExportRow, 'created_at' | 'hashtags'> {
  created_at: number;
  hashtags: string | null;
}

/** Live posts created in [since, until), oldest first, streamed so a large export stays small in memory. */
export function* iterateExportRows(db: Db, filter: ExportFilter = {}): Generator<ExportRow> {
  const networks = filter.networks?.length ? filter.networks : null;
  const rows = statement<[object], RawRow>(
    db,
    `SELECT p.network, p.network_id AS id, p.url, a.username AS author_username, a.followers AS author_followers,
       p.created_at, p.text, p.likes, p.reposts, p.replies, p.quotes, p.bookmarks, p.impressions,
       (SELECT json_group_array(tag) FROM (SELECT tag FROM post_hashtags h WHERE h.post_id = p.id ORDER BY tag)) AS hashtags
     FROM posts p JOIN authors a ON a.id = p.author_id
     WHERE p.removed_at IS NULL AND p.created_at >= @since AND p.created_at < @until
       AND (@networks IS NULL OR p.network IN (SELECT value FROM json_each(@networks)))
     ORDER BY p.created_at, p.id`,
  ).iterate({
    since: filter.since ?? 0,
    until: filter.until ?? Number.MAX_SAFE_INTEGER,
    networks: networks ? JSON.stringify(networks) : null,
  });
  for (const row of rows) {
    yield {
      ...row,
      created_at: new Date(row.created_at).toISOString(),
      text: row.text ?? '',
      hashtags: row.hashtags ? (JSON.parse(row.hashtags) as string[]) : [],
    };
  }
}
