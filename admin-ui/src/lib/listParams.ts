// A list's paging, sorting and filters live in the URL, so that every view is a deep link.

export const DEFAULT_PAGE_SIZE = 20;
export const PAGE_SIZES = [10, 20, 50, 100];

export interface ListQuery {
  /** Page index from 0, as the API counts. */
  page: number;
  size: number;
  /** `field` or `field,asc|desc`, the API's sort parameter; '' for the list's default order. */
  sort: string;
  /** Filter values by name; only the non-empty ones. */
  filters: Record<string, string>;
}

function intParam(value: string | null, fallback: number, min: number, max: number): number {
  if (value === null || !/^\d+$/.test(value)) return fallback;
  return Math.min(max, Math.max(min, Number(value)));
}

/**
 * Reads a list's state from the URL. The page in the URL counts from 1, as people do;
 * the query counts from 0, as the API does.
 */
export function readListQuery(params: URLSearchParams, filterNames: readonly string[], defaultSize = DEFAULT_PAGE_SIZE): ListQuery {
  const filters: Record<string, string> = {};
  for (const name of filterNames) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return {
    page: intParam(params.get('page'), 1, 1, 1_000_000) - 1,
    size: intParam(params.get('size'), defaultSize, 1, 200),
    sort: params.get('sort') ?? '',
    filters,
  };
}

/** Writes changes into the URL's parameters; values that are empty or default are left out. Any change but the page goes back to page 1. */
export function writeListQuery(
  params: URLSearchParams,
  change: Partial<Omit<ListQuery, 'filters'>> & { filters?: Record<string, string> },
  defaultSize = DEFAULT_PAGE_SIZE,
): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (name: string, value: string | null) => (value ? next.set(name, value) : next.delete(name));
  if (change.filters) {
    for (const [name, value] of Object.entries(change.filters)) set(name, value.trim());
  }
  if (change.sort !== undefined) set('sort', change.sort);
  if (change.size !== undefined) set('size', change.size === defaultSize ? null : String(change.size));
  if (change.page !== undefined) {
    set('page', change.page > 0 ? String(change.page + 1) : null);
  } else {
    next.delete('page');
  }
  return next;
}

export type SortDirection = 'asc' | 'desc';

export function parseSort(sort: string): { field: string; direction: SortDirection } | null {
  if (!sort) return null;
  const [field, direction] = sort.split(',');
  if (!field) return null;
  return { field, direction: direction === 'desc' ? 'desc' : 'asc' };
}

/** The sort after clicking a column: ascending first, then descending, then ascending again. */
export function toggleSort(current: string, field: string): string {
  const parsed = parseSort(current);
  if (parsed?.field === field && parsed.direction === 'asc') return `${field},desc`;
  return `${field},asc`;
}

/** The API's query parameters for a list: page, size, sort (when chosen) and the filters. */
export function apiQuery(query: ListQuery): Record<string, string | number> {
  const out: Record<string, string | number> = { page: query.page, size: query.size, ...query.filters };
  if (query.sort) out.sort = query.sort;
  return out;
}
