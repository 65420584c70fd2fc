// Test helpers: a fake fetch that answers by path, as license-api would.
import { vi } from 'vitest';
import type { Fetch } from './api/status';

export const PLATFORM_EMBEDDED = {
  name: 'Voucher',
  version: '0.1.0-SNAPSHOT',
  database: {
    mode: 'EMBEDDED',
    product: 'PostgreSQL',
    product_version: '17.6',
  },
};

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

type Answer = Response | Error | 'pending' | (() => Response | Error | 'pending');

/** A fetch that answers each path with a response, fails it with an error, or never answers. */
export function fakeFetch(routes: Record<string, Answer>) {
  return vi.fn<Fetch>((input) => {
    const path = typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;
    const route = routes[path];
    const answer = typeof route === 'function' ? route() : route;
    if (answer === undefined) {
      return Promise.resolve(json(404, { status: 404, error: 'Not Found' }));
    }
    if (answer === 'pending') {
      return new Promise<Response>(() => {});
    }
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer.clone());
  });
}
