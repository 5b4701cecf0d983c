// The `/api/share-of-voice` and `/api/amplifiers` answers as the app reads them (the server's
// dashboard/server/intelligence-answers.ts shapes them). Types only; the server is the authority.
import type { BucketStatus } from '../api/api-types.js';

export interface VoiceFigures {
  posts: number;
  people: number;
  engagements: number;
}

export interface SovFigures {
  campaign: VoiceFigures;
  comparator: VoiceFigures;
  /** Campaign posts that also carry the comparator hashtag (counted for the campaign). */
  overlapPosts: number;
  /** The campaign's share, 0..1; null where neither side has any. */
  share: { posts: number | null; people: number | null; engagements: number | null };
}

export interface ComparatorVoice {
  tag: string;
  collectedSince: string | null;
  bucketsLeftOut: number;
  /** Over the collected buckets only; null when none was. */
  total: SovFigures | null;
  points: Array<{ start: string; end: string; status: BucketStatus; figures: SovFigures | null }>;
}

export interface CatalogueEntry {
  id: string;
  label: string;
  definition: string;
}

export interface ShareOfVoiceResponse {
  range: { from: string; to: string; timeZone: string };
  interval: 'day' | 'week';
  comparators: string[];
  peopleAre: 'accounts' | 'people (mapped accounts counted once)';
  voices: ComparatorVoice[];
  definitions: CatalogueEntry[];
}

export type AmplifierOrder = 'reach' | 'engagements' | 'ready_made' | 'posts';

export interface Amplifier {
  rank: number;
  /** The mapped person's name (staff-written), or null for an account on its own. */
  person: string | null;
  /** Untrusted handles and display names from the networks: render as text. */
  accounts: Array<{ network: string; username: string; displayName: string | null }>;
  posts: number;
  reposts: number;
  reach: number | null;
  engagements: number;
  readyMadePosts: number;
  firstSeenAt: string;
}

export interface AmplifiersResponse {
  range: { from: string; to: string; timeZone: string };
  by: AmplifierOrder;
  accountMap: { loaded: boolean; people: number };
  amplifiers: Amplifier[];
  definitions: CatalogueEntry[];
}
