// The share-of-voice and amplifier downloads are small tables written by the posts export's CSV writer.
import { describe, expect, test } from 'vitest';
import { tableCsv } from '../../core/table-csv.js';

describe('a table as a CSV download', () => {
  test('starts with a byte-order mark and the header row, with CRLF records, even when there are no rows', () => {
    expect(tableCsv(['person', 'reach'], [])).toBe('\uFEFFperson,reach\r\n');
  });

  test('a name with a line break stays inside its quoted cell, so the row does not split in a spreadsheet', () => {
    const csv = tableCsv(['person', 'reach'], [{ person: 'Ada\nLovelace', reach: 120 }]);
    expect(csv).toBe('\uFEFFperson,reach\r\n"Ada\nLovelace",120\r\n');
  });

  test('a cell a spreadsheet would run as a formula is defused, and null is an empty cell', () => {
    const csv = tableCsv(['person', 'reach', 'firstSeen'], [{ person: '=HYPERLINK("x")', reach: -3, firstSeen: null }]);
    expect(csv).toBe('\uFEFFperson,reach,firstSeen\r\n"\'=HYPERLINK(""x"")",-3,\r\n');
  });
});
