import { describe, expect, it, vi } from 'vitest';
import { csvCell, csvFileName, fetchAllPages, toCsv } from './csv';

describe('csvCell', () => {
  it('leaves plain text alone and writes nothing for null', () => {
    expect(csvCell('movie-1')).toBe('movie-1');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
  });

  it('writes objects as JSON', () => {
    expect(csvCell({ can_play: true })).toBe('"{""can_play"":true}"');
  });
});

describe('toCsv', () => {
  it('writes a header line and one CRLF-ended line per row', () => {
    const rows = [
      { id: 1, target: '/api/v1/policies' },
      { id: 2, target: null },
    ];
    expect(
      toCsv(rows, [
        { header: 'Id', value: (r) => r.id },
        { header: 'Target, full', value: (r) => r.target },
      ]),
    ).toBe('Id,"Target, full"\r\n1,/api/v1/policies\r\n2,\r\n');
  });
});

describe('fetchAllPages', () => {
  const list = Array.from({ length: 450 }, (_, i) => i);
  const pages = (page: number, size: number) =>
    Promise.resolve({
      items: list.slice(page * size, page * size + size),
      page: { number: page, size, total_elements: list.length, total_pages: Math.ceil(list.length / size) },
    });

  it('reads every page, in order, and stops after the last', async () => {
    const load = vi.fn(pages);
    const all = await fetchAllPages(load);
    expect(all.rows).toEqual(list);
    expect(all.truncated).toBe(false);
    expect(load.mock.calls.map(([page, size]) => [page, size])).toEqual([
      [0, 200],
      [1, 200],
      [2, 200],
    ]);
  });

  it('stops at the limit and says the list was cut', async () => {
    const all = await fetchAllPages(pages, { size: 100, maxRows: 250 });
    expect(all.rows).toHaveLength(250);
    expect(all.rows.at(-1)).toBe(249);
    expect(all.truncated).toBe(true);
  });

  it('ends on an empty list', async () => {
    const load = vi.fn(() => Promise.resolve({ items: [], page: { number: 0, size: 200, total_elements: 0, total_pages: 0 } }));
    expect((await fetchAllPages(load)).rows).toEqual([]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('passes a failed page on', async () => {
    await expect(fetchAllPages(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
  });
});

describe('csvFileName', () => {
  it('names the file after the list and the minute, in UTC', () => {
    expect(csvFileName('audit', new Date('2026-12-08T00:12:59Z'))).toBe('audit-2026-12-08T0012Z.csv');
  });
});
