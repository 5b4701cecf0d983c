// Small content sets for the shareables tests, validated through the real schema.
import { ContentSchema, type Content } from '../../shareables/content-schema.js';

type DeepPartialContent = {
  campaign?: Partial<Content['campaign']>;
  resources?: Array<Partial<Content['resources'][number]>>;
  templates?: Record<string, unknown>;
};

/** One resource of the given kind with every field filled; override any of them. */
export function resourceFixture(overrides: Partial<Content['resources'][number]> = {}): Partial<Content['resources'][number]> {
  return {
    id: 'riverside-care',
    kind: 'exemplar',
    title: 'Riverside Home Care',
    url: 'https://example.org/exemplars/riverside?ref=jq#story',
    summary: 'Care workers own the co-op and are paid for travel time.',
    stat: 'Turnover fell from 60% to 18%.',
    quote: { text: 'We fixed the rota, not the carers.', attribution: 'Amara Osei' },
    ...overrides,
  };
}

/** A validated content set: one exemplar and two exemplar templates unless overridden. */
export function contentFixture(overrides: DeepPartialContent = {}): Content {
  return ContentSchema.parse({
    campaign: { name: 'fixwork', title: 'Fix work, not workers', description: 'Ready-made posts.', hashtags: ['JobQuality', 'FixWork'], ...overrides.campaign },
    resources: overrides.resources ?? [resourceFixture()],
    templates: overrides.templates ?? {
      exemplar: [
        { id: 'spotlight', forms: ['Fix work, not workers. {title}: {summary} {stat}', 'Fix work, not workers: {title} shows how.'] },
        { id: 'voice', forms: ['“{quote}” — {attribution}, on {title}.'] },
      ],
    },
  });
}
