// GET /api/moments: campaign moments from the content file's `moments:` list, each with its 48-hour
// lift (core/moment-lift.ts). Recorded in the content file only: the dashboard stays read-only.
import type { Hono } from 'hono';
import { measureMoments } from '../../../reports/moments/measure-moments.js';
import { isoUtc } from '../time-range.js';
import type { ApiDeps } from './api-deps.js';
import type { MomentsResponse } from '../../contract/index.js';

export function momentsRoutes(api: Hono, deps: ApiDeps): void {
  api.get('/moments', (c) => {
    const moments = deps.shareables?.content.moments ?? [];
    return c.json({
      contentFileLoaded: deps.shareables !== null,
      moments: measureMoments(deps.db, moments, deps.now()).map((moment) => ({ ...moment, at: isoUtc(moment.at) })),
    } satisfies MomentsResponse);
  });
}
