// The device revocation list as the device API serves it: a compact JWS whose claims are
// `seq` (grows with each change), `iat` (epoch seconds) and `revoked` (certificate fingerprints).
import type { PageOf } from '../api/client';
import { decodeBase64 } from './bytes';
import type { ListQuery } from './listParams';

export interface RevocationList {
  sequence: number;
  issuedAt: string;
  fingerprints: string[];
}

/** Reads the claims of the signed list (the signature is for devices to check); throws with a reason when it is not one. */
export function decodeRevocationList(jws: string): RevocationList {
  const parts = jws.trim().split('.');
  if (parts.length !== 3) throw new Error('The revocation list is not a compact JWS.');
  const bytes = decodeBase64(parts[1]!);
  if (!bytes) throw new Error('The revocation list claims are not base64url.');
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error('The revocation list claims are not JSON.');
  }
  const { seq, iat, revoked } = (claims ?? {}) as Record<string, unknown>;
  if (typeof seq !== 'number' || typeof iat !== 'number' || !Array.isArray(revoked) || revoked.some((f) => typeof f !== 'string')) {
    throw new Error('The revocation list claims lack seq, iat or revoked.');
  }
  return { sequence: seq, issuedAt: new Date(iat * 1000).toISOString(), fingerprints: [...(revoked as string[])].sort() };
}

/**
 * One page of a list held in full by the browser, as a list endpoint would answer: filtered
 * by `q` (a case-insensitive substring of `text(item)`), sorted by `sort` (field,asc|desc)
 * with `compare`, then cut to the page.
 */
export function pageLocally<T>(
  items: readonly T[],
  query: ListQuery,
  text: (item: T) => string,
  compare: Record<string, (a: T, b: T) => number> = {},
): PageOf<T> {
  const needle = (query.filters.q ?? '').toLowerCase();
  let rows = needle ? items.filter((item) => text(item).toLowerCase().includes(needle)) : [...items];
  const [field, direction] = query.sort.split(',');
  const comparator = field ? compare[field] : undefined;
  if (comparator) {
    rows.sort(comparator);
    if (direction === 'desc') rows.reverse();
  }
  const total = rows.length;
  const start = query.page * query.size;
  rows = rows.slice(start, start + query.size);
  return { items: rows, page: { number: query.page, size: query.size, total_elements: total, total_pages: Math.ceil(total / query.size) } };
}
