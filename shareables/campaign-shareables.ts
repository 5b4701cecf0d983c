// The campaign's ready-made posts for a long-running process: the content file (SHAREABLES_FILE)
// read and generated once, shared by the action page, the share redirect, attribution and the
// reports. A broken file must not stop collection or the dashboard: it is reported once, clearly,
// and everything that needs the posts does without them until the process is restarted.
import type { Logger } from '../core/logger.js';
import type { Content } from './content-schema.js';
import { loadContentFile } from './content-file.js';
import { ContentFileError, formatContentIssue } from './errors.js';
import { generateShareables, type GeneratedShareables, type Shareable } from './generate-posts.js';

/** A validated content file and the posts generated from it. */
export interface CampaignShareables {
  content: Content;
  generated: GeneratedShareables;
}

/** Reads, validates and generates. Throws ContentFileError when the file cannot be used. */
export function loadCampaignShareables(file: string, hashtags: readonly string[]): CampaignShareables {
  const content = loadContentFile(file);
  return { content, generated: generateShareables(content, { hashtags }) };
}

export interface ShareablesLoaderOptions {
  /** SHAREABLES_FILE. */
  file: string;
  /** Tracked hashtags (TRACK_HASHTAGS). */
  hashtags: readonly string[];
  log: Logger;
}

/**
 * A function returning the campaign's shareables, loaded on first call and then cached for the
 * process; null when the content file is broken (logged once as a warning naming every problem).
 * Other errors are thrown.
 */
export function createShareablesLoader(options: ShareablesLoaderOptions): () => CampaignShareables | null {
  let loaded: CampaignShareables | null | undefined;
  return () => {
    if (loaded !== undefined) return loaded;
    try {
      loaded = loadCampaignShareables(options.file, options.hashtags);
    } catch (error) {
      if (!(error instanceof ContentFileError)) throw error;
      loaded = null;
      options.log.warn(
        { file: error.file, problems: error.issues.map((issue) => formatContentIssue(error.file, issue)) },
        'the shareables content file cannot be used: the action page, share redirect and adoption tracking are off until it is fixed and the tracker restarted (run `jobquality shareables check`)',
      );
    }
    return loaded;
  };
}

/** How people name a shareable: its resource's title and, as there may be several per resource, its template. */
export interface ShareableLabel {
  id: string;
  resourceId: string;
  templateId: string;
  kind: Shareable['kind'];
  /** The resource's title. */
  title: string;
}

/** Labels of every shareable the content produces, in file order. */
export function shareableLabels(shareables: CampaignShareables): ShareableLabel[] {
  const titles = new Map(shareables.content.resources.map((resource) => [resource.id, resource.title]));
  return shareables.generated.shareables.map((shareable) => ({
    id: shareable.id,
    resourceId: shareable.resourceId,
    templateId: shareable.templateId,
    kind: shareable.kind,
    title: titles.get(shareable.resourceId) ?? shareable.resourceId,
  }));
}
