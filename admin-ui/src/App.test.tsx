import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClients } from './api/context';
import { App } from './App';
import { can } from './auth/permissions';
import type { SessionState } from './auth/session';

afterEach(cleanup);

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const page = (items: unknown[]) => ({ items, page: { number: 0, size: 20, total_elements: items.length, total_pages: 1 } });

/** A fake API answering by path, recording every request. */
function fakeApi(routes: Record<string, (request: Request) => Response>) {
  const requests: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    requests.push(request);
    const path = new URL(request.url).pathname;
    const route = routes[`${request.method} ${path}`];
    return route ? route(request) : json(404, { code: 'NOT_FOUND', detail: `No ${path}` });
  });
  return { clients: createClients({ fetch, baseUrl: 'http://console.test', cookies: () => 'XSRF-TOKEN=t' }), requests };
}

const signedIn = (role: string): SessionState => ({ kind: 'signed-in', user: { username: 'someone', role: role as 'ADMIN', must_change_password: false, enabled: true, created_at: '2026-01-01T00:00:00Z' } });

const routes = {
  'GET /api/v1/admin/providers': () => json(200, page([{ name: 'acme', display_name: 'Acme', created_at: '2026-01-01T00:00:00Z' }])),
  'GET /api/v1/admin/providers/acme': () => json(200, { name: 'acme', display_name: 'Acme', created_at: '2026-01-01T00:00:00Z' }),
  'GET /api/v1/policies': () => json(200, page([{ name: 'rental', can_play: true, revision: 1 }])),
  'GET /api/v1/policies/rental': () => json(200, { name: 'rental', can_play: true, revision: 1, license_duration_seconds: 3600 }),
};

function renderAt(path: string, session: SessionState, api = fakeApi(routes)) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <App clients={api.clients} initialSession={session} />
    </MemoryRouter>,
  );
  return api;
}

describe('role-aware console', () => {
  it('shows an OPERATOR the write actions and an AUDITOR none of them', async () => {
    renderAt('/policies?provider=acme', signedIn('OPERATOR'));
    await screen.findByTestId('policies-table');
    expect(screen.getByTestId('new-policy')).toBeTruthy();
    cleanup();

    renderAt('/policies?provider=acme', signedIn('AUDITOR'));
    expect(within(await screen.findByTestId('policies-table')).getByText('rental')).toBeTruthy();
    expect(screen.queryByTestId('new-policy')).toBeNull();
    expect(screen.queryByTestId('nav-users')).toBeNull();
  });

  it('shows an AUDITOR a stored policy read-only, without delete or save', async () => {
    renderAt('/policies/rental?provider=acme', signedIn('AUDITOR'));
    expect((await screen.findByTestId('policy-json')).textContent).toContain('"license_duration_seconds": 3600');
    expect(screen.queryByTestId('delete-policy')).toBeNull();
    expect(screen.queryByTestId('save-policy')).toBeNull();
  });

  it('asks for a provider before showing provider data', async () => {
    renderAt('/policies', signedIn('ADMIN'));
    expect(await screen.findByTestId('provider-required')).toBeTruthy();
  });

  it('knows what each role may do', () => {
    expect(can('ADMIN', 'manageUsers')).toBe(true);
    expect(can('OPERATOR', 'write')).toBe(true);
    expect(can('OPERATOR', 'manageCredentials')).toBe(false);
    expect(can('OPERATOR', 'manageTrustRoots')).toBe(false);
    expect(can('AUDITOR', 'write')).toBe(false);
    expect(can('AUDITOR', 'read')).toBe(true);
    expect(can(undefined, 'read')).toBe(false);
  });
});

describe('policy form', () => {
  it('shows an invalid field inline, sends nothing, then saves once fixed', async () => {
    const api = renderAt('/policies/new?provider=acme', signedIn('OPERATOR'), fakeApi({
      ...routes,
      'POST /api/v1/policies': () => json(200, { name: 'rental', revision: 1 }),
    }));
    fireEvent.change(await screen.findByTestId('field-name'), { target: { value: 'rental' } });
    const duration = screen.getByTestId('field-license_duration_seconds');
    fireEvent.change(duration, { target: { value: '-5' } });
    fireEvent.blur(duration);
    expect(screen.getByTestId('error-license_duration_seconds').textContent).toBe('must not be negative');
    expect(duration.getAttribute('aria-invalid')).toBe('true');

    await act(async () => fireEvent.click(screen.getByTestId('save-policy')));
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    // Typed in units: one day is 86400 seconds in the request.
    fireEvent.change(screen.getByTestId('unit-license_duration_seconds'), { target: { value: 'd' } });
    fireEvent.change(duration, { target: { value: '1' } });
    expect(screen.queryByTestId('error-license_duration_seconds')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('save-policy')));
    const post = api.requests.find((r) => r.method === 'POST')!;
    expect(new URL(post.url).searchParams.get('provider')).toBe('acme');
    expect(post.headers.get('X-XSRF-TOKEN')).toBe('t');
    expect(await post.json()).toMatchObject({ name: 'rental', license_duration_seconds: 86400, can_play: true });
  });

  it('puts the server’s field problems next to their fields', async () => {
    renderAt('/policies/new?provider=acme', signedIn('OPERATOR'), fakeApi({
      ...routes,
      'POST /api/v1/policies': () =>
        json(400, { code: 'POLICY_EXISTS_OR_INVALID', detail: 'The policy is invalid.', errors: [{ field: 'policy_name', message: 'is taken' }] }),
    }));
    fireEvent.change(await screen.findByTestId('field-name'), { target: { value: 'rental' } });
    await act(async () => fireEvent.click(screen.getByTestId('save-policy')));
    expect((await screen.findByTestId('error-name')).textContent).toBe('is taken');
  });
});

describe('session', () => {
  it('shows the sign-in page when there is no session cookie, without asking the server', async () => {
    const api = fakeApi(routes);
    render(
      <MemoryRouter initialEntries={['/policies?provider=acme']}>
        <App clients={api.clients} />
      </MemoryRouter>,
    );
    expect(await screen.findByTestId('sign-in-form')).toBeTruthy();
    expect(api.requests).toHaveLength(0);
  });
});
