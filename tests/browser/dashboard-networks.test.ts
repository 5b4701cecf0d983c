// How the dashboard app names and colours networks (dashboard/app/src/internal/networks.ts): labels
// come from the server's registry, the built-in networks keep their colours, and a new network gets
// a palette colour of its own that stays the same from load to load.
import { describe, expect, test } from 'vitest';
import { networkRegistry } from '../../dashboard/app/src/internal/networks.js';

const BUILT_IN = [
  { network: 'x', label: 'X' },
  { network: 'bluesky', label: 'Bluesky' },
  { network: 'mastodon', label: 'Mastodon' },
];

describe('network registry', () => {
  test('lists the networks in the server order with the labels the server sends', () => {
    const registry = networkRegistry([...BUILT_IN, { network: 'fediplus', label: 'Fedi+' }]);
    expect(registry.ids).toEqual(['x', 'bluesky', 'mastodon', 'fediplus']);
    expect(registry.label('fediplus')).toBe('Fedi+');
    expect(registry.label('bluesky')).toBe('Bluesky');
  });

  test('a server that sends no label shows the id, and an id it did not list is shown as it is', () => {
    const registry = networkRegistry([{ network: 'x' }, { network: 'fediplus' }]);
    expect(registry.label('fediplus')).toBe('fediplus');
    expect(registry.label('myspace')).toBe('myspace');
  });

  test('built-in networks keep their colours wherever they are listed; new ones get distinct colours, the same every time', () => {
    const first = networkRegistry([...BUILT_IN, { network: 'fediplus', label: 'Fedi+' }, { network: 'pixel', label: 'Pixel' }]);
    const reordered = networkRegistry([{ network: 'fediplus', label: 'Fedi+' }, ...BUILT_IN.slice().reverse(), { network: 'pixel', label: 'Pixel' }]);
    for (const id of ['x', 'bluesky', 'mastodon']) expect(reordered.color(id)).toBe(first.color(id));
    const colors = first.list.map((network) => network.color);
    expect(new Set(colors).size).toBe(colors.length);
    expect(networkRegistry([...BUILT_IN, { network: 'fediplus', label: 'Fedi+' }, { network: 'pixel', label: 'Pixel' }]).color('pixel')).toBe(first.color('pixel'));
  });
});
