// Benchmark databases cached under the data folder (gitignored), one file per scale, seed, generator
// and schema version, so a second run skips the build. A file cached under an older schema is
// upgraded by the real migrations, as a production database would be, instead of being rebuilt.
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/connection.js';
import { MIGRATIONS } from '../db/migrations/index.js';
import { populateCampaign, type PopulateProgress, type PopulateStats } from './populate.js';
import { ensureComparatorPosts } from './synthetic-comparators.js';
import { GENERATOR_VERSION, type Campaign } from './synthetic-campaign.js';

/** Build figures kept beside a cached file: when, and under which schema (triggers differ between versions). */
export type BuildRecord = PopulateStats & { builtAt: string; schemaVersion?: number };

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export interface CampaignDatabase {
  file: string;
  /** How the file came to be: built now, reused as cached, or migrated from an older schema's cache. */
  origin: 'built' | 'cached' | 'migrated';
  /** Write-path figures of the build: from this run, or recorded beside the cached file when it was built. */
  populate: BuildRecord | null;
  /** Time the migrations took when an older cache was upgraded. */
  migrateMs: number | null;
}

function scaleKey(campaign: Campaign): string {
  const { posts, snapshotsPerPost, days, seed, now } = campaign.options;
  return `campaign-p${posts}-s${snapshotsPerPost}-d${days}-seed${seed}-t${now}-g${GENERATOR_VERSION}`;
}

function readBuildRecord(file: string): BuildRecord | null {
  return existsSync(`${file}.build.json`) ? (JSON.parse(readFileSync(`${file}.build.json`, 'utf8')) as BuildRecord) : null;
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * The path of a database holding `campaign` at the current schema, building it (or upgrading an
 * older cached one) if needed. The database is closed on return.
 */
export function ensureCampaignDatabase(
  dataDir: string,
  campaign: Campaign,
  onProgress?: (progress: PopulateProgress) => void,
  onComparatorProgress?: (stored: number, total: number) => void,
): CampaignDatabase {
  const database = ensureCampaignPosts(dataDir, campaign, onProgress);
  // Comparator posts are added to a cached file too (one built before they existed), once.
  const db = openDatabase(database.file);
  try {
    ensureComparatorPosts(db, campaign, onComparatorProgress);
  } finally {
    db.close();
  }
  return database;
}

function ensureCampaignPosts(dataDir: string, campaign: Campaign, onProgress?: (progress: PopulateProgress) => void): CampaignDatabase {
  const key = scaleKey(campaign);
  const file = join(dataDir, `${key}-v${SCHEMA_VERSION}.db`);
  if (existsSync(file)) return { file, origin: 'cached', populate: readBuildRecord(file), migrateMs: null };

  const older = existsSync(dataDir)
    ? readdirSync(dataDir)
        .map((name) => /^(.*)-v(\d+)\.db$/.exec(name))
        .filter((match): match is RegExpExecArray => match !== null && match[1] === key && Number(match[2]) < SCHEMA_VERSION)
        .sort((a, b) => Number(b[2]) - Number(a[2]))[0]
    : undefined;
  if (older) {
    const olderFile = join(dataDir, older[0]);
    renameSync(olderFile, file);
    if (existsSync(`${olderFile}.build.json`)) renameSync(`${olderFile}.build.json`, `${file}.build.json`);
    const started = performance.now();
    openDatabase(file).close();
    return { file, origin: 'migrated', populate: readBuildRecord(file), migrateMs: performance.now() - started };
  }

  // Build under a temporary name, so an interrupted build is never mistaken for a finished one.
  const partial = `${file}.partial`;
  removeDatabaseFiles(partial);
  const db = openDatabase(partial);
  let stats: PopulateStats;
  try {
    stats = populateCampaign(db, campaign, onProgress ? { onProgress } : {});
  } finally {
    db.close();
  }
  renameSync(partial, file);
  const record: BuildRecord = { ...stats, builtAt: new Date().toISOString(), schemaVersion: SCHEMA_VERSION };
  writeFileSync(`${file}.build.json`, `${JSON.stringify(record, null, 2)}\n`);
  return { file, origin: 'built', populate: record, migrateMs: null };
}

/** Opens a cached benchmark database (already at the current schema). */
export function openCampaignDatabase(file: string): Db {
  return openDatabase(file);
}

/** A throw-away copy of a (closed) database file, for measurements that write; `remove` deletes it. */
export function scratchCopy(file: string): { file: string; remove(): void } {
  const copy = `${file}.scratch`;
  removeDatabaseFiles(copy);
  copyFileSync(file, copy);
  return { file: copy, remove: () => removeDatabaseFiles(copy) };
}
