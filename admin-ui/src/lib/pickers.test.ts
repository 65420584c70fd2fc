import { describe, expect, it, vi } from 'vitest';
import { createApi } from '../api/client';
import { PICKER_SIZE, searchContents, searchGroups, searchProviders, searchRegistrations } from './pickers';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
const page = (items: unknown[]) => ({ items, page: { number: 0, size: PICKER_SIZE, total_elements: items.length, total_pages: 1 } });

function api(items: unknown[]) {
  const urls: URL[] = [];
  const fetch = vi.fn(async (request: Request) => {
    urls.push(new URL(request.url));
    return json(page(items));
  });
  return { api: createApi({ fetch, baseUrl: 'http://console.test', cookies: () => '' }), urls };
}

const signal = new AbortController().signal;

describe('pickers', () => {
  it('search a provider’s active registrations on the server and show the device', async () => {
    const { api: client, urls } = api([
      { generated_id: 'Zx8kQ2mN5pR7tV9wY1bC3dF6gH', make: 'Acme', model: 'Box 4', security_level: 3, registered_at: '2026-12-01T10:00:00Z' },
    ]);
    const options = await searchRegistrations(client, 'acme')('Box', signal);
    expect(urls[0]!.pathname).toBe('/api/v1/registrations');
    expect(Object.fromEntries(urls[0]!.searchParams)).toEqual({ provider: 'acme', status: 'ACTIVE', page: '0', size: String(PICKER_SIZE), q: 'Box' });
    expect(options).toHaveLength(1);
    expect(options[0]!.value).toBe('Zx8kQ2mN5pR7tV9wY1bC3dF6gH');
    expect(options[0]!.detail).toMatch(/^Acme Box 4 · level 3 · registered /);
  });

  it('send no q for an empty text: the first entries', async () => {
    const { api: client, urls } = api([{ content_id: 'movie', name: 'The Movie' }]);
    expect(await searchContents(client, 'acme')('', signal)).toEqual([{ value: 'movie', label: 'movie', detail: 'The Movie' }]);
    expect(urls[0]!.searchParams.has('q')).toBe(false);
    expect(urls[0]!.searchParams.get('sort')).toBe('content_id,asc');
  });

  it('show a group by its name and give its group id', async () => {
    const { api: client } = api([{ group_id: 'g-123', name: 'Smith family', active_members: 2, max_members: 5 }]);
    expect(await searchGroups(client, 'acme')('smith', signal)).toEqual([
      { value: 'g-123', label: 'Smith family', detail: 'g-123 · 2 of at most 5 members' },
    ]);
  });

  it('search providers by name or display name', async () => {
    const { api: client, urls } = api([{ name: 'acme', display_name: 'Acme Media' }]);
    expect(await searchProviders(client)('media', signal)).toEqual([{ value: 'acme', label: 'acme', detail: 'Acme Media' }]);
    expect(urls[0]!.pathname).toBe('/api/v1/admin/providers');
    expect(urls[0]!.searchParams.get('q')).toBe('media');
  });
});
