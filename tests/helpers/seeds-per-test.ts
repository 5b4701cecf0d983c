// Seeded campaigns that last one test: each is closed after it, together with any second connection
// opened to its file (another process, as far as the dashboard can tell) and the folder of the file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.js';
import { selectLivePostsByNetworkId } from '../../db/posts.js';
import { seedDatabase, type SeededDatabase, type SeedOptions } from './seed-database.js';

const DAY = 86_400_000;

/** A seeded campaign in a file, and a way to reach that file as another process would. */
export interface SeedInFile {
  seed: SeededDatabase;
  /** Opens a second connection to the seed's file (closed after the test). */
  openAnotherConnection(): Db;
}

/** Call at the top of a test file: the seeds it hands out are closed after each test. */
export function seedsClosedAfterEachTest(): { inMemory(options?: SeedOptions): SeededDatabase; inFile(options?: SeedOptions): SeedInFile } {
  const cleanUp: Array<() => void> = [];
  afterEach(() => {
    for (const step of cleanUp.splice(0).reverse()) step();
  });
  const inMemory = (options: SeedOptions = {}) => {
    const seed = seedDatabase(options);
    cleanUp.push(() => seed.db.close());
    return seed;
  };
  const inFile = (options: SeedOptions = {}): SeedInFile => {
    const dir = mkdtempSync(join(tmpdir(), 'jq-seed-'));
    cleanUp.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'jobquality.db');
    const seed = inMemory({ ...options, file });
    const openAnotherConnection = () => {
      const other = openDatabase(file);
      cleanUp.push(() => other.close());
      return other;
    };
    return { seed, openAnotherConnection };
  };
  return { inMemory, inFile };
}

/** The stored id of a live post from the seed's last day, read through `db` (the seed's or another connection). */
export function recentLivePostId(db: Db, seed: SeededDatabase): number {
  const post = seed.livePosts().find((p) => p.createdAt >= seed.now - DAY)!;
  return selectLivePostsByNetworkId(db, post.network, [post.networkId])[0]!.postId;
}
