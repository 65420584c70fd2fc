import { describe, expect, it } from 'vitest';
import { decodeRevocationList, pageLocally } from './revocationList';

const b64url = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const jws = (claims: unknown) => `${b64url({ alg: 'ES256', typ: 'voucher-revocation+jwt' })}.${b64url(claims)}.c2lnbmF0dXJl`;

describe('revocation list', () => {
  it('reads sequence, signing time and the fingerprints (sorted) from the signed list', () => {
    expect(decodeRevocationList(jws({ seq: 7, iat: 1_772_373_909, revoked: ['zz', 'aa'] }))).toEqual({
      sequence: 7,
      issuedAt: '2026-03-01T14:05:09.000Z',
      fingerprints: ['aa', 'zz'],
    });
  });

  it('says why a text is not a revocation list', () => {
    expect(() => decodeRevocationList('nope')).toThrow('not a compact JWS');
    expect(() => decodeRevocationList(jws({ seq: 1 }))).toThrow('lack seq, iat or revoked');
    expect(() => decodeRevocationList(`a.${btoa('not json')}.c`)).toThrow('not JSON');
  });
});

describe('paging a list held by the browser', () => {
  const rows = ['delta', 'alpha', 'charlie', 'bravo', 'echo'].map((name) => ({ name }));
  const byName = { name: (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name) };

  it('filters by a case-insensitive substring, sorts, and cuts the page like the API', () => {
    const page = pageLocally(rows, { page: 1, size: 2, sort: 'name,desc', filters: {} }, (r) => r.name, byName);
    expect(page.items!.map((r) => r.name)).toEqual(['charlie', 'bravo']);
    expect(page.page).toEqual({ number: 1, size: 2, total_elements: 5, total_pages: 3 });
    const found = pageLocally(rows, { page: 0, size: 20, sort: '', filters: { q: 'HA' } }, (r) => r.name, byName);
    expect(found.items!.map((r) => r.name)).toEqual(['alpha', 'charlie']);
  });

  it('keeps the given order when the sort is unknown, and leaves the input alone', () => {
    const page = pageLocally(rows, { page: 0, size: 10, sort: 'colour,asc', filters: {} }, (r) => r.name, byName);
    expect(page.items!.map((r) => r.name)).toEqual(['delta', 'alpha', 'charlie', 'bravo', 'echo']);
    pageLocally(rows, { page: 0, size: 10, sort: 'name,asc', filters: {} }, (r) => r.name, byName);
    expect(rows[0]!.name).toBe('delta');
  });
});
