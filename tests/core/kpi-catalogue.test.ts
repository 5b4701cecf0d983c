import { describe, expect, test } from 'vitest';
import { KPI_CATALOGUE, SERIES_CATALOGUE, SERIES_IDS, kpiChange, kpiDefinition, kpiValue } from '../../core/kpi-catalogue.js';
import { kpisFromTotals, METRIC_DESCRIPTIONS } from '../../core/metrics.js';

describe('KPI catalogue', () => {
  test('lists every KPI once, with the published definition of each', () => {
    expect(KPI_CATALOGUE.map((kpi) => kpi.id)).toEqual(['posts', 'contributors', 'engagements', 'impressions', 'potentialReach', 'engagementRate']);
    for (const kpi of KPI_CATALOGUE) expect(kpi.definition).toBe(METRIC_DESCRIPTIONS[kpi.id]);
    expect(KPI_CATALOGUE.filter((kpi) => kpi.format === 'rate').map((kpi) => kpi.id)).toEqual(['engagementRate']);
  });

  test('a count changes by a relative amount, a rate by percentage points, and nothing is relative to zero', () => {
    expect(kpiChange(kpiDefinition('posts'), 150, 100)).toEqual({ kind: 'relative', ratio: 0.5 });
    const rate = kpiChange(kpiDefinition('engagementRate'), 0.05, 0.04);
    expect(rate.kind === 'points' && rate.points).toBeCloseTo(1, 10);
    expect(kpiChange(kpiDefinition('engagements'), 12, 0)).toEqual({ kind: 'from_zero' });
    expect(kpiChange(kpiDefinition('impressions'), null, 10)).toEqual({ kind: 'not_reported' });
    expect(kpiChange(kpiDefinition('contributors'), 7, 7)).toEqual({ kind: 'same' });
  });

  test('reads each KPI from a set of KPIs, posts as their total', () => {
    const kpis = kpisFromTotals(
      { groups: [{ network: 'x', kind: 'reply', withImpressions: true, totals: { posts: 3, likes: 4, reposts: 1, replies: 0, quotes: 0, bookmarks: 0, impressions: 100 } }], contributors: 2, potentialReach: 900 },
      ['x'],
    );
    expect(KPI_CATALOGUE.map((kpi) => kpiValue(kpis, kpi.id))).toEqual([3, 2, 5, 100, 900, 0.05]);
  });

  test('says what every time series counts, and on which basis', () => {
    expect(Object.keys(SERIES_CATALOGUE)).toEqual([...SERIES_IDS]);
    expect(SERIES_IDS.filter((id) => SERIES_CATALOGUE[id].basis === 'gained')).toEqual(['engagements', 'impressions']);
  });
});
