import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClients } from '../api/context';
import { App } from '../App';
import type { SessionState } from '../auth/session';

afterEach(cleanup);

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const page = (items: unknown[]) => ({ items, page: { number: 0, size: 200, total_elements: items.length, total_pages: 1 } });

function fakeApi(routes: Record<string, () => Response>) {
  const requests: { method: string; path: string; query: URLSearchParams; body: unknown }[] = [];
  const fetch = vi.fn(async (request: Request) => {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.clone().text();
    requests.push({ method: request.method, path: url.pathname, query: url.searchParams, body: text ? JSON.parse(text) : null });
    const route = routes[`${request.method} ${url.pathname}`];
    return route ? route() : json(404, { code: 'NOT_FOUND', detail: `No ${url.pathname}` });
  });
  return { clients: createClients({ fetch, baseUrl: 'http://console.test', cookies: () => 'XSRF-TOKEN=t' }), requests };
}

const signedIn = (role: string): SessionState => ({ kind: 'signed-in', user: { username: 'someone', role: role as 'ADMIN', must_change_password: false, enabled: true, created_at: '2026-01-01T00:00:00Z' } });

const routes = {
  'GET /api/v1/admin/providers': () => json(200, page([{ name: 'acme', display_name: 'Acme' }])),
  'GET /api/v1/admin/providers/acme': () => json(200, { name: 'acme', display_name: 'Acme' }),
  'GET /api/v1/contents': () => json(200, page([{ content_id: 'trailer', name: 'Trailer' }])),
  'GET /api/v1/policies': () => json(200, page([{ name: 'preview' }])),
  'POST /api/v1/contents/trailer/test-token': () =>
    json(409, { code: 'ENTITLEMENT_TOKEN_KEY_EXISTS', detail: "The provider registered its own key as 'voucher-try-it'" }),
};

function renderAt(path: string, session: SessionState, api = fakeApi(routes)) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <App clients={api.clients} initialSession={session} />
    </MemoryRouter>,
  );
  return api;
}

describe('the try-it page', () => {
  it('is for ADMINs only: an OPERATOR has no link and no page', async () => {
    renderAt('/try-it?provider=acme', signedIn('OPERATOR'));
    expect(await screen.findByTestId('not-found', {}, { timeout: 15_000 })).toBeTruthy();
    expect(screen.queryByTestId('nav-try-it')).toBeNull();
  }, 30_000);

  it('asks for nothing while the form is incomplete, then asks for a test token for the provider and says why none came', async () => {
    const api = renderAt('/try-it?provider=acme', signedIn('ADMIN'));
    await screen.findByTestId('try-it-form', {}, { timeout: 15_000 });
    await screen.findByRole('option', { name: 'trailer' });
    await screen.findByRole('option', { name: 'preview' });
    fireEvent.click(screen.getByTestId('try-it-play'));
    expect(screen.getByTestId('error-tryit-content').textContent).toBe('Choose a content.');
    expect(screen.getByTestId('error-manifest_url').textContent).toContain('Enter the URL');
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByTestId('field-tryit-content'), { target: { value: 'trailer' } });
    fireEvent.change(screen.getByTestId('field-tryit-policy'), { target: { value: 'preview' } });
    fireEvent.change(screen.getByTestId('field-manifest_url'), { target: { value: 'https://cdn.example.com/trailer/manifest.mpd' } });
    fireEvent.click(screen.getByTestId('try-it-play'));
    expect((await screen.findByTestId('error-detail')).textContent).toContain('voucher-try-it');
    const post = api.requests.find((r) => r.method === 'POST')!;
    expect(post.path).toBe('/api/v1/contents/trailer/test-token');
    expect(post.query.get('provider')).toBe('acme');
    expect(post.body).toEqual({ policy_name: 'preview' });
  }, 30_000);
});
