import { describe, expect, it } from 'vitest';
import { PLATFORM_EMBEDDED, fakeFetch, json } from '../testing';
import { ApiProblem } from './client';
import { HEALTH_PATH, MALFORMED, PLATFORM_PATH, fetchHealth, fetchPlatform, isPlatformInfo } from './status';

describe('fetchPlatform', () => {
  it('reads the platform from its root-relative path, asking for JSON', async () => {
    const fetchFn = fakeFetch({ [PLATFORM_PATH]: json(200, PLATFORM_EMBEDDED) });
    await expect(fetchPlatform(fetchFn)).resolves.toEqual(PLATFORM_EMBEDDED);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe('/api/v1/platform');
    expect(new Headers(init?.headers).get('Accept')).toBe('application/json');
  });

  it('turns a non-2xx answer into an ApiProblem with the status, keeping the problem the server sent', async () => {
    const fetchFn = fakeFetch({ [PLATFORM_PATH]: json(502, { title: 'Bad Gateway', code: 'UPSTREAM' }) });
    const error = await fetchPlatform(fetchFn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error).toMatchObject({ status: 502, code: 'UPSTREAM', message: 'HTTP 502 from /api/v1/platform.' });
  });

  it('turns a network failure into an ApiProblem without status', async () => {
    const fetchFn = fakeFetch({ [PLATFORM_PATH]: new TypeError('Failed to fetch') });
    await expect(fetchPlatform(fetchFn)).rejects.toMatchObject({ status: null, message: 'No response from /api/v1/platform.' });
  });

  it('refuses a 200 whose body is not a platform (an HTML page, say)', async () => {
    const html = new Response('<!doctype html><title>login</title>', { status: 200 });
    await expect(fetchPlatform(fakeFetch({ [PLATFORM_PATH]: html }))).rejects.toMatchObject({
      status: 200,
      code: MALFORMED,
      message: 'Unexpected answer from /api/v1/platform (HTTP 200).',
    });
    const camelCase = { name: 'Voucher', version: '1', database: { mode: 'EMBEDDED', product: 'PostgreSQL', productVersion: '17' } };
    await expect(fetchPlatform(fakeFetch({ [PLATFORM_PATH]: json(200, camelCase) }))).rejects.toBeInstanceOf(ApiProblem);
  });
});

describe('isPlatformInfo', () => {
  it('accepts the documented shape only', () => {
    expect(isPlatformInfo(PLATFORM_EMBEDDED)).toBe(true);
    expect(isPlatformInfo({ ...PLATFORM_EMBEDDED, database: null })).toBe(false);
    expect(isPlatformInfo({ ...PLATFORM_EMBEDDED, version: 1 })).toBe(false);
    expect(isPlatformInfo(null)).toBe(false);
  });
});

describe('fetchHealth', () => {
  it('reads UP', async () => {
    const fetchFn = fakeFetch({ [HEALTH_PATH]: json(200, { status: 'UP', components: {} }) });
    await expect(fetchHealth(fetchFn)).resolves.toEqual({ status: 'UP' });
    expect(fetchFn.mock.calls[0]![0]).toBe('/actuator/health');
  });

  it('reads DOWN from the body of a 503, as Actuator sends it', async () => {
    await expect(fetchHealth(fakeFetch({ [HEALTH_PATH]: json(503, { status: 'DOWN' }) }))).resolves.toEqual({
      status: 'DOWN',
    });
  });

  it('is an ApiProblem when the answer carries no status', async () => {
    await expect(fetchHealth(fakeFetch({ [HEALTH_PATH]: new Response('nope', { status: 401 }) }))).rejects.toMatchObject({
      status: 401,
      message: 'HTTP 401 from /actuator/health.',
    });
    await expect(fetchHealth(fakeFetch({ [HEALTH_PATH]: new TypeError('offline') }))).rejects.toMatchObject({
      status: null,
    });
  });
});
