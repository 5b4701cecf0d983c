// The demo's content file: the sample campaign content (shareables/sample-content.yaml) plus the
// campaign moments of the simulated weeks (a newsletter three days ago, a webinar yesterday, a
// launch two weeks ago), so the dashboard and the reports show moments with their lift at once.
// Written beside the demo's reports folder, with copies of the images it names (a content file's
// images are paths relative to it).
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, resolve } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';

const HOUR = 3_600_000;

/** The demo's moments, by how long before the demo's start they happened. */
export const DEMO_MOMENTS = [
  { beforeStartMs: 14 * 24 * HOUR + 3 * HOUR, what: 'Campaign launch: the Fix Work pledge', network: 'all' },
  { beforeStartMs: 3 * 24 * HOUR + 5 * HOUR, what: 'Newsletter: the job quality checklist', network: 'all' },
  { beforeStartMs: 20 * HOUR, what: 'Webinar: fair scheduling in care', network: 'bluesky' },
] as const;

/** Writes the content file with moments dated from `startMs` to `outFile`; returns its path. */
export function writeDemoContentFile(sampleFile: string, outFile: string, startMs: number): string {
  const doc = parseDocument(readFileSync(sampleFile, 'utf8'));
  const base = dirname(sampleFile);
  mkdirSync(dirname(outFile), { recursive: true });
  // Images are found beside the content file: copy the sample's there.
  const images = [doc.getIn(['campaign', 'image'], true), ...((doc.get('resources', true) as { items?: unknown[] } | undefined)?.items ?? []).map((item) => (isMap(item) ? item.get('image', true) : null))];
  for (const image of images) {
    const src = isMap(image) ? image.get('src') : null;
    if (typeof src !== 'string' || isAbsolute(src) || normalize(src).startsWith('..')) continue;
    mkdirSync(dirname(join(dirname(outFile), src)), { recursive: true });
    cpSync(resolve(base, src), join(dirname(outFile), src));
  }
  const moments = DEMO_MOMENTS.map((moment) => ({ at: new Date(startMs - moment.beforeStartMs).toISOString(), what: moment.what, network: moment.network }));
  const existing = doc.get('moments', true);
  if (isSeq(existing)) for (const moment of moments) existing.add(doc.createNode(moment));
  else doc.set('moments', doc.createNode(moments));
  writeFileSync(outFile, doc.toString());
  return outFile;
}
