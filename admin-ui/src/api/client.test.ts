import { describe, expect, it, vi } from 'vitest';
import { ApiProblem, CSRF_HEADER, asProblem, createApi, onUnauthorized, readCookie, unwrap } from './client';

function recordingFetch(answer: (request: Request) => Response) {
  const requests: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    requests.push(request.clone());
    return answer(request);
  });
  return { fetch, requests };
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

describe('readCookie', () => {
  it('finds one cookie among several and decodes it', () => {
    expect(readCookie('XSRF-TOKEN', 'a=1; XSRF-TOKEN=ab%2Fc; b=2')).toBe('ab/c');
    expect(readCookie('XSRF-TOKEN', 'a=1')).toBeNull();
    expect(readCookie('XSRF', 'XSRF-TOKEN=x')).toBeNull();
  });
});

describe('the console client', () => {
  it('sends the CSRF cookie in X-XSRF-TOKEN on writes, not on reads', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, { name: 'acme' }));
    const api = createApi({ fetch, baseUrl: 'http://console.test', cookies: () => 'XSRF-TOKEN=token-1' });

    await api.GET('/api/v1/admin/providers');
    await api.POST('/api/v1/admin/providers', { body: { name: 'acme', display_name: 'Acme' } });

    expect(requests[0]!.headers.get(CSRF_HEADER)).toBeNull();
    expect(requests[1]!.method).toBe('POST');
    expect(requests[1]!.headers.get(CSRF_HEADER)).toBe('token-1');
  });

  it('puts the provider and paging in the query string', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, { items: [], page: {} }));
    const api = createApi({ fetch, baseUrl: 'http://console.test', cookies: () => '' });

    await api.GET('/api/v1/policies', { params: { query: { provider: 'acme', page: 2, size: 20, sort: 'name,desc' } } });

    const url = new URL(requests[0]!.url);
    expect(url.pathname).toBe('/api/v1/policies');
    expect(Object.fromEntries(url.searchParams)).toEqual({ provider: 'acme', page: '2', size: '20', sort: 'name,desc' });
  });

  it('turns a problem document into an ApiProblem with its code and field errors', async () => {
    const problem = {
      type: 'https://voucher.io/problems/invalid-policy',
      title: 'Bad Request',
      status: 400,
      detail: 'The policy is invalid.',
      code: 'INVALID_POLICY',
      errors: [
        { field: 'license_duration_seconds', message: 'must not be negative' },
        { field: 'renewal_delay_seconds', message: 'is only allowed when can_renew is true' },
      ],
    };
    const { fetch } = recordingFetch(() => json(400, problem, 'application/problem+json'));
    const api = createApi({ fetch, baseUrl: 'http://console.test', cookies: () => '' });

    const error = await unwrap(api.POST('/api/v1/policies', { body: { name: 'x' } as never })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiProblem);
    const p = error as ApiProblem;
    expect(p.status).toBe(400);
    expect(p.code).toBe('INVALID_POLICY');
    expect(p.message).toBe('The policy is invalid.');
    expect(p.fieldErrors).toEqual({
      license_duration_seconds: 'must not be negative',
      renewal_delay_seconds: 'is only allowed when can_renew is true',
    });
  });

  it('tells everyone listening on a 401, but not for a failed sign-in', async () => {
    const listener = vi.fn();
    const stop = onUnauthorized(listener);
    const { fetch } = recordingFetch(() => json(401, { code: 'UNAUTHORIZED', detail: 'Sign in.' }));
    const api = createApi({ fetch, baseUrl: 'http://console.test', cookies: () => '' });

    await api.POST('/api/v1/admin/session', { body: { username: 'a', password: 'b' } });
    expect(listener).not.toHaveBeenCalled();
    await expect(unwrap(api.GET('/api/v1/admin/providers'))).rejects.toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
  });

  it('reports no answer at all as status null', async () => {
    const api = createApi({ fetch: () => Promise.reject(new TypeError('Failed to fetch')), baseUrl: 'http://console.test', cookies: () => '' });
    const error = (await unwrap(api.GET('/api/v1/admin/providers')).catch((e: unknown) => e)) as ApiProblem;
    expect(error.status).toBeNull();
    expect(error.message).toMatch(/No response/);
  });

  it('reads only documents that look like problems', () => {
    expect(asProblem('<html>')).toBeNull();
    expect(asProblem({ foo: 1 })).toBeNull();
    expect(asProblem({ code: 'X', errors: [{ field: 'a', message: 'b' }, { nope: true }] })?.errors).toEqual([{ field: 'a', message: 'b' }]);
  });
});
