// The share-of-voice and amplifier workbooks are small tables typed cell by cell (core/table-xlsx.ts).
import { readSheet } from 'read-excel-file/node';
import { describe, expect, test } from 'vitest';
import { tableXlsx } from '../../core/table-xlsx.js';

describe('a table as a workbook', () => {
  test('an empty table is its header row alone, UTC columns named so', async () => {
    expect(await readSheet(await tableXlsx(['person', 'seen'], [], { sheet: 'people', utcColumns: ['seen'] }))).toEqual([['person', 'seen (UTC)']]);
  });

  test('numbers stay numbers (negatives too), null and empty text are empty cells', async () => {
    const [, row] = await readSheet(await tableXlsx(['person', 'reach', 'share', 'note'], [{ person: 'Ada', reach: -3, share: null, note: '' }], { sheet: 't' }));
    expect(row).toEqual(['Ada', -3, null, null]);
  });

  test('an instant becomes a date only in a UTC column; other text in that column, and instants elsewhere, stay text', async () => {
    const rows = [
      { at: '2026-11-23T02:00:00.000Z', label: '2026-11-23T02:00:00.000Z' },
      { at: 'total', label: 'x' },
    ];
    const [, first, second] = await readSheet(await tableXlsx(['at', 'label'], rows, { sheet: 't', utcColumns: ['at'] }));
    expect(first![0]).toBeInstanceOf(Date);
    // Spreadsheet times are fractions of a day; read back, they are exact to the second.
    expect(Math.round((first![0] as unknown as Date).getTime() / 1000) * 1000).toBe(Date.parse('2026-11-23T02:00:00Z'));
    expect(first![1]).toBe('2026-11-23T02:00:00.000Z');
    expect(second).toEqual(['total', 'x']);
  });
});
