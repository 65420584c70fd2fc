// CSV export of any list, made in the browser from the paged API: every page of the list as
// filtered, in the columns the table shows. RFC 4180 (CRLF, quotes doubled), and a cell that
// a spreadsheet would run as a formula starts with an apostrophe.
import type { PageOf } from '../api/client';

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => unknown;
}

/** The largest page the API serves: the fewest calls for a whole list. */
export const CSV_PAGE_SIZE = 200;

/** A list longer than this is cut, and the export says so, rather than loading without end. */
export const CSV_MAX_ROWS = 50_000;

/** One cell: empty for null, quoted when it must be, defused when a spreadsheet would evaluate it. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as a CSV document: a header line, then one line per row, each ended by CRLF. */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return lines.map((line) => `${line}\r\n`).join('');
}

export interface AllPages<T> {
  rows: T[];
  /** True when the list had more than {@link CSV_MAX_ROWS} rows and only those were kept. */
  truncated: boolean;
}

/** Reads every page of a list, from the first, until a page comes back short or the last page is read. */
export async function fetchAllPages<T>(
  loadPage: (page: number, size: number) => Promise<PageOf<T>>,
  { size = CSV_PAGE_SIZE, maxRows = CSV_MAX_ROWS }: { size?: number; maxRows?: number } = {},
): Promise<AllPages<T>> {
  const rows: T[] = [];
  for (let page = 0; ; page++) {
    const answer = await loadPage(page, size);
    const items = answer.items ?? [];
    rows.push(...items);
    if (rows.length >= maxRows) {
      const total = answer.page?.total_elements ?? rows.length;
      return { rows: rows.slice(0, maxRows), truncated: total > maxRows || rows.length > maxRows };
    }
    const totalPages = answer.page?.total_pages;
    if (items.length < size || (totalPages !== undefined && page + 1 >= totalPages)) {
      return { rows, truncated: false };
    }
  }
}

/** `audit-2026-12-08T0012Z.csv`: a name that sorts by when it was taken. */
export function csvFileName(what: string, now: Date = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace(/:/g, '');
  return `${what}-${stamp}Z.csv`;
}

/** Hands a text to the browser as a file download. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
