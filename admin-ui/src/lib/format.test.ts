import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../api/client';
import { bucketStarts, niceMax, stack } from './chart';
import { parse16Bytes } from './bytes';
import {
  describeDatabase,
  describeFailure,
  formatDuration,
  formatInstant,
  formatMode,
  healthTone,
  jobProgress,
  shorten,
  utcInputToInstant,
} from './format';
import { apiQuery, readListQuery, toggleSort, writeListQuery } from './listParams';

describe('formatting', () => {
  it('writes instants in UTC, and a dash when absent', () => {
    expect(formatInstant('2026-03-01T14:05:09.123Z')).toBe('1 Mar 2026, 14:05:09 UTC');
    expect(formatInstant(undefined)).toBe('—');
  });

  it('writes durations for people, 0 as unlimited', () => {
    expect(formatDuration(0)).toBe('unlimited');
    expect(formatDuration(172800)).toBe('2 d');
    expect(formatDuration(5400)).toBe('1 h 30 min');
    expect(formatDuration(86405)).toBe('1 d');
    expect(formatDuration(45)).toBe('45 s');
  });

  it('shortens long ids but keeps short ones', () => {
    expect(shorten('abc')).toBe('abc');
    expect(shorten('0123456789abcdefghijklmnop', 4)).toBe('0123…mnop');
  });

  it('computes job progress from done and failed over total', () => {
    expect(jobProgress({ status: 'RUNNING', total: 8, done: 3, failed: 1 })).toBe(50);
    expect(jobProgress({ status: 'QUEUED' })).toBeNull();
    expect(jobProgress({ status: 'SUCCEEDED', total: 0 })).toBe(100);
  });
});

describe('16-byte keys and key ids', () => {
  it('accepts hex (grouped or not) and base64 / base64url', () => {
    const b64 = 'ASNFZ4mrze8BI0VniavN7w==';
    expect(parse16Bytes('0123456789abcdef0123456789abcdef')).toBe(b64);
    expect(parse16Bytes('01234567-89ab-cdef-0123-456789abcdef')).toBe(b64);
    expect(parse16Bytes(b64)).toBe(b64);
    expect(parse16Bytes('ASNFZ4mrze8BI0VniavN7w')).toBe(b64);
  });

  it('refuses anything that is not 16 bytes', () => {
    expect(parse16Bytes('0123')).toBeNull();
    expect(parse16Bytes('not base64!')).toBeNull();
    expect(parse16Bytes('ASNFZ4mrze8BI0VniavN7wAA')).toBeNull();
  });
});

describe('list state in the URL', () => {
  it('reads page (from 1 in the URL, from 0 for the API), size, sort and filters', () => {
    const query = readListQuery(new URLSearchParams('page=3&size=50&sort=name,desc&q=pix&other=x'), ['q', 'status']);
    expect(query).toEqual({ page: 2, size: 50, sort: 'name,desc', filters: { q: 'pix' } });
    expect(apiQuery(query)).toEqual({ page: 2, size: 50, sort: 'name,desc', q: 'pix' });
    expect(readListQuery(new URLSearchParams('page=x&size=9999'), [])).toMatchObject({ page: 0, size: 200 });
  });

  it('goes back to page 1 on any change but paging, and drops defaults', () => {
    const params = new URLSearchParams('provider=acme&page=4&q=old');
    expect(writeListQuery(params, { filters: { q: 'new', status: '' } }).toString()).toBe('provider=acme&q=new');
    expect(writeListQuery(params, { page: 0 }).toString()).toBe('provider=acme&q=old');
    expect(writeListQuery(params, { size: 20 }).toString()).toBe('provider=acme&q=old');
  });

  it('sorts ascending first, then descending', () => {
    expect(toggleSort('', 'name')).toBe('name,asc');
    expect(toggleSort('name,asc', 'name')).toBe('name,desc');
    expect(toggleSort('name,desc', 'name')).toBe('name,asc');
    expect(toggleSort('name,desc', 'created_at')).toBe('created_at,asc');
  });
});

describe('dashboard series', () => {
  it('fills empty buckets and stacks counts by status, OK first', () => {
    const buckets = bucketStarts('2026-03-01T10:00:00Z', '2026-03-01T13:00:00Z', 3600);
    expect(buckets).toHaveLength(3);
    const series = stack(
      [
        { bucket_start: '2026-03-01T10:00:00Z', status: 'DRM_DEVICE_CERTIFICATE_REVOKED', count: 1 },
        { bucket_start: '2026-03-01T12:00:00Z', status: 'OK', count: 4 },
        { bucket_start: '2026-03-01T12:00:00Z', status: 'DRM_DEVICE_CERTIFICATE_REVOKED', count: 2 },
      ],
      buckets,
      3600,
    );
    expect(series.keys).toEqual(['OK', 'DRM_DEVICE_CERTIFICATE_REVOKED']);
    expect(series.values.OK).toEqual([0, 0, 4]);
    expect(series.values.DRM_DEVICE_CERTIFICATE_REVOKED).toEqual([1, 0, 2]);
    expect(series.totals).toEqual({ OK: 4, DRM_DEVICE_CERTIFICATE_REVOKED: 3 });
    expect(series.max).toBe(6);
  });

  it('rounds axis maxima', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(6)).toBe(10);
    expect(niceMax(13)).toBe(20);
    expect(niceMax(420)).toBe(500);
  });
});

describe('UTC date-time filters', () => {
  it('reads a datetime-local value as UTC, and refuses anything else', () => {
    expect(utcInputToInstant('2026-03-01T14:05')).toBe('2026-03-01T14:05:00Z');
    expect(utcInputToInstant('2026-03-01T14:05:09')).toBe('2026-03-01T14:05:09Z');
    expect(utcInputToInstant('2026-13-01T14:05')).toBeNull();
    expect(utcInputToInstant('yesterday')).toBeNull();
  });
});


describe('formatMode', () => {
  it('turns the API modes into words', () => {
    expect(formatMode('EMBEDDED')).toBe('Embedded');
    expect(formatMode('EXTERNAL')).toBe('External');
  });

  it('handles modes it does not know', () => {
    expect(formatMode('READ_ONLY_REPLICA')).toBe('Read only replica');
    expect(formatMode('')).toBe('');
  });
});

describe('describeDatabase', () => {
  it('names mode, product and version', () => {
    expect(describeDatabase({ mode: 'EMBEDDED', product: 'PostgreSQL', product_version: '17.6' })).toBe(
      'Embedded PostgreSQL 17.6',
    );
    expect(describeDatabase({ mode: 'EXTERNAL', product: 'PostgreSQL', product_version: '15.18' })).toBe(
      'External PostgreSQL 15.18',
    );
  });

  it('leaves out what is blank instead of printing double spaces', () => {
    expect(describeDatabase({ mode: 'EXTERNAL', product: 'PostgreSQL', product_version: '' })).toBe(
      'External PostgreSQL',
    );
  });
});

describe('healthTone', () => {
  it('is ok only for UP', () => {
    expect(healthTone('UP')).toBe('ok');
    expect(healthTone(' up ')).toBe('ok');
  });

  it('is bad for every other status', () => {
    for (const status of ['DOWN', 'OUT_OF_SERVICE', 'UNKNOWN', '', 'UPGRADING']) {
      expect(healthTone(status), status).toBe('bad');
    }
  });
});

describe('describeFailure', () => {
  it('gives the sentence of the failed call', () => {
    expect(describeFailure(new ApiProblem(503, { detail: 'HTTP 503 from /api/v1/platform.' }))).toBe('HTTP 503 from /api/v1/platform.');
  });

  it('says when no response came', () => {
    expect(describeFailure(new ApiProblem(null, null))).toBe('No response from the server. Check the connection and try again.');
  });

  it('falls back to the message of any other error', () => {
    expect(describeFailure(new Error('boom'))).toBe('boom');
    expect(describeFailure('???')).toBe('Unknown error.');
  });
});
