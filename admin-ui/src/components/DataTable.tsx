import { useEffect, useState, type ReactNode } from 'react';
import './DataTable.css';
import { useSearchParams } from 'react-router';
import type { PageOf } from '../api/client';
import { CSV_MAX_ROWS, csvFileName, downloadText, fetchAllPages, toCsv, type CsvColumn } from '../lib/csv';
import { formatCount } from '../lib/format';
import { PAGE_SIZES, DEFAULT_PAGE_SIZE, parseSort, readListQuery, toggleSort, writeListQuery, type ListQuery } from '../lib/listParams';
import { useLoad } from '../lib/useLoad';
import { Empty, ErrorNotice, Loading } from './States';

export interface Column<T> {
  /** Column id; also the API's sort field when `sortable`. */
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  sortable?: boolean;
  className?: string;
}

/**
 * The "Actions" column of a list whose rows each offer one destructive action (which then asks for
 * confirmation): no column at all unless `allowed`, and no button on rows `offered` turns down.
 */
export function dangerActionColumn<T>(
  allowed: boolean,
  label: string,
  testId: string,
  onClick: (row: T) => void,
  offered: (row: T) => boolean = () => true,
): Column<T>[] {
  if (!allowed) return [];
  return [
    {
      key: 'actions',
      header: 'Actions',
      className: 'actions',
      render: (row) =>
        offered(row) ? (
          <button type="button" className="button--small button--danger" onClick={() => onClick(row)} data-testid={testId}>
            {label}
          </button>
        ) : null,
    },
  ];
}

export interface Filter {
  name: string;
  label: string;
  /** A text box (applied on Enter or "Apply"), a choice among options, or a date and time (UTC, as `YYYY-MM-DDTHH:MM`). */
  type?: 'text' | 'select' | 'datetime';
  options?: { value: string; label: string }[];
  /** What the empty choice of a select means ("Any" unless the filter's default is narrower). */
  emptyLabel?: string;
  placeholder?: string;
}

export interface DataTableProps<T> {
  /** Names the table for assistive technology and test hooks (`<testId>-table`, `<testId>-row`). */
  label: string;
  testId: string;
  columns: Column<T>[];
  filters?: Filter[];
  /** Loads one page; called again when the URL's list state or `deps` change, or on reload. */
  load: (query: ListQuery, signal: AbortSignal) => Promise<PageOf<T>>;
  rowKey: (row: T) => string;
  deps?: readonly unknown[];
  empty: ReactNode;
  /** Bumps to reload from outside, e.g. after a create. */
  reloadToken?: number;
  defaultSize?: number;
  /** Refreshes on its own while this says so (e.g. while a job runs), every `intervalMs`. */
  autoRefresh?: (items: T[]) => boolean;
  intervalMs?: number;
  /** Offers the whole list as filtered, every page of it, as a CSV file with these columns. */
  csv?: { name: string; columns: CsvColumn<T>[] };
}

/**
 * A paged, sortable, filterable list whose state lives in the URL (page, size, sort and
 * one parameter per filter): every view of it is a deep link.
 */
export function DataTable<T>({
  label,
  testId,
  columns,
  filters = [],
  load,
  rowKey,
  deps = [],
  empty,
  reloadToken = 0,
  defaultSize = DEFAULT_PAGE_SIZE,
  autoRefresh,
  intervalMs = 2000,
  csv,
}: DataTableProps<T>) {
  const [params, setParams] = useSearchParams();
  const filterNames = filters.map((f) => f.name);
  const query = readListQuery(params, filterNames, defaultSize);
  const queryKey = JSON.stringify(query);
  const { state, data, reload } = useLoad((signal) => load(query, signal), [queryKey, reloadToken, ...deps]);

  const items = data?.items ?? [];
  const page = data?.page;
  const totalPages = page?.total_pages ?? 0;
  const refreshing = autoRefresh ? autoRefresh(items) : false;

  useEffect(() => {
    if (!refreshing || state.kind !== 'loaded') return;
    const timer = setTimeout(reload, intervalMs);
    return () => clearTimeout(timer);
  }, [refreshing, state, reload, intervalMs]);

  const update = (change: Parameters<typeof writeListQuery>[1]) => setParams(writeListQuery(params, change, defaultSize));
  const sort = parseSort(query.sort);

  return (
    <section className="list" aria-label={label} data-testid={`${testId}-list`}>
      {filters.length > 0 && <FilterBar filters={filters} values={query.filters} onApply={(values) => update({ filters: values })} testId={testId} />}

      {csv && (
        <CsvExport
          label={label}
          testId={testId}
          name={csv.name}
          columns={csv.columns}
          loadPage={(page, size, signal) => load({ ...query, page, size }, signal)}
        />
      )}
      {state.kind === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.kind === 'loading' && !data && <Loading what={`Loading ${label.toLowerCase()}…`} />}
      {data && items.length === 0 && state.kind !== 'loading' && <Empty>{empty}</Empty>}

      {items.length > 0 && (
        <div className="table-scroll">
          <table className="table--stack" data-testid={`${testId}-table`} aria-busy={state.kind === 'loading'}>
            <caption className="visually-hidden">{label}</caption>
            <thead>
              <tr>
                {columns.map((column) => {
                  const sorted = sort?.field === column.key ? sort.direction : null;
                  return (
                    <th
                      key={column.key}
                      scope="col"
                      className={column.className}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    >
                      {column.sortable ? (
                        <button
                          type="button"
                          className="sort-button"
                          onClick={() => update({ sort: toggleSort(query.sort, column.key) })}
                          data-testid={`sort-${column.key}`}
                        >
                          {column.header}
                          <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ' ↕'}</span>
                        </button>
                      ) : (
                        column.header
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {items.map((row) => (
                <tr key={rowKey(row)} data-testid={`${testId}-row`}>
                  {columns.map((column) => (
                    <td key={column.key} className={column.className} data-label={column.header}>
                      {column.render(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {page && (page.total_elements ?? 0) > 0 && (
        <nav className="pager" aria-label={`${label} pages`}>
          <button type="button" disabled={query.page <= 0} onClick={() => update({ page: query.page - 1 })}>
            ‹ Previous
          </button>
          <span data-testid={`${testId}-page`}>
            Page {query.page + 1} of {Math.max(totalPages, 1)} · {formatCount(page.total_elements)} in all
          </span>
          <button type="button" disabled={query.page + 1 >= totalPages} onClick={() => update({ page: query.page + 1 })}>
            Next ›
          </button>
          <label className="pager__size">
            Per page{' '}
            <select value={query.size} onChange={(e) => update({ size: Number(e.target.value) })}>
              {[...new Set([...PAGE_SIZES, defaultSize])].sort((a, b) => a - b).map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </label>
        </nav>
      )}
    </section>
  );
}

/** "Export CSV": reads every page of the list as filtered, then hands it to the browser as a file. */
function CsvExport<T>({
  label,
  testId,
  name,
  columns,
  loadPage,
}: {
  label: string;
  testId: string;
  name: string;
  columns: CsvColumn<T>[];
  loadPage: (page: number, size: number, signal: AbortSignal) => Promise<PageOf<T>>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  return (
    <div className="list__tools">
      <button
        type="button"
        className="button--small"
        disabled={busy}
        data-testid={`${testId}-csv`}
        onClick={async () => {
          setBusy(true);
          setError(null);
          setNote(null);
          try {
            const controller = new AbortController();
            const all = await fetchAllPages((page, size) => loadPage(page, size, controller.signal));
            downloadText(csvFileName(name), toCsv(all.rows, columns));
            setNote(
              `${formatCount(all.rows.length)} row(s) exported${all.truncated ? `; the list is longer, only the first ${formatCount(CSV_MAX_ROWS)} are in the file` : ''}.`,
            );
          } catch (e) {
            setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Exporting…' : 'Export CSV'}
      </button>
      {note && (
        <small className="field__hint" role="status" data-testid={`${testId}-csv-done`}>
          {note}
        </small>
      )}
      {error !== null && <ErrorNotice error={error} title={`${label} not exported`} />}
    </div>
  );
}

function FilterBar({
  filters,
  values,
  onApply,
  testId,
}: {
  filters: Filter[];
  values: Record<string, string>;
  onApply: (values: Record<string, string>) => void;
  testId: string;
}) {
  const [draft, setDraft] = useState<Record<string, string>>(values);
  const valuesKey = JSON.stringify(values);
  // Back/forward in the browser changes the URL: show what it says.
  useEffect(() => setDraft(JSON.parse(valuesKey) as Record<string, string>), [valuesKey]);

  const all = (source: Record<string, string>) => Object.fromEntries(filters.map((f) => [f.name, source[f.name] ?? '']));

  return (
    <form
      className="filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(all(draft));
      }}
      data-testid={`${testId}-filters`}
    >
      {filters.map((filter) => (
        <label key={filter.name} className="filters__item">
          <span>{filter.label}</span>
          {filter.type === 'select' ? (
            <select
              value={draft[filter.name] ?? ''}
              onChange={(e) => {
                const next = { ...draft, [filter.name]: e.target.value };
                setDraft(next);
                onApply(all(next));
              }}
              data-testid={`filter-${filter.name}`}
            >
              <option value="">{filter.emptyLabel ?? 'Any'}</option>
              {filter.options?.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          ) : filter.type === 'datetime' ? (
            <input
              type="datetime-local"
              value={draft[filter.name] ?? ''}
              onChange={(e) => setDraft({ ...draft, [filter.name]: e.target.value })}
              data-testid={`filter-${filter.name}`}
            />
          ) : (
            <input
              type="search"
              value={draft[filter.name] ?? ''}
              placeholder={filter.placeholder}
              onChange={(e) => setDraft({ ...draft, [filter.name]: e.target.value })}
              data-testid={`filter-${filter.name}`}
            />
          )}
        </label>
      ))}
      <div className="filters__actions">
        <button type="submit" data-testid={`${testId}-search`}>
          Apply
        </button>
        {Object.keys(values).length > 0 && (
          <button type="button" className="button--link" onClick={() => onApply(all({}))}>
            Clear
          </button>
        )}
      </div>
    </form>
  );
}
