import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClients } from '../api/context';
import { App } from '../App';
import type { SessionState } from '../auth/session';
import { auditQuery, VerificationResult } from './AuditPage';

afterEach(cleanup);

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const page = (items: unknown[]) => ({ items, page: { number: 0, size: 20, total_elements: items.length, total_pages: 1 } });
const b64url = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const FINGERPRINT = 'Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm8';

function fakeApi(routes: Record<string, (request: Request) => Response | Promise<Response>>) {
  const requests: { method: string; path: string; query: URLSearchParams; body: unknown }[] = [];
  const fetch = vi.fn(async (request: Request) => {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.clone().text();
    requests.push({ method: request.method, path: url.pathname, query: url.searchParams, body: text ? JSON.parse(text) : null });
    const route = routes[`${request.method} ${url.pathname}`];
    return route ? route(request) : json(404, { code: 'NOT_FOUND', detail: `No ${url.pathname}` });
  });
  return { clients: createClients({ fetch, baseUrl: 'http://console.test', cookies: () => 'XSRF-TOKEN=t' }), requests };
}

const signedIn = (role: string): SessionState => ({ kind: 'signed-in', user: { username: 'someone', role: role as 'ADMIN', must_change_password: false, enabled: true, created_at: '2026-01-01T00:00:00Z' } });

const routes = {
  'GET /api/v1/admin/providers': () => json(200, page([{ name: 'acme', display_name: 'Acme' }])),
  'GET /api/v1/admin/providers/acme': () => json(200, { name: 'acme', display_name: 'Acme' }),
  'GET /api/v1/admin/trust-roots': () => json(200, page([{ fingerprint: 'fp1', label: 'Acme devices', subject: 'CN=Acme Root' }])),
  'GET /api/v1/policies': () => json(200, page([{ name: 'rental', license_duration_seconds: 3600 }])),
  'GET /api/v1/contents': () => json(200, page([{ content_id: 'movie', name: 'Movie' }])),
  'POST /api/v1/entitlements': () => json(201, { id: '11111111-1111-1111-1111-111111111111', job_id: '22222222-2222-2222-2222-222222222222' }),
  'GET /api/v1/entitlements/11111111-1111-1111-1111-111111111111': () =>
    json(200, { id: '11111111-1111-1111-1111-111111111111', generated_id: 'AAAAAAAAAAAAAAAAAAAAAA', content_id: 'movie', policy_name: 'rental' }),
  // As the server: the list is served as application/jwt only.
  'GET /device/v1/revocation-list': (request: Request) =>
    !(request.headers.get('Accept') ?? '').includes('application/jwt')
      ? json(406, { code: 'NOT_ACCEPTABLE', detail: 'application/jwt only' })
      : new Response(`${b64url({ alg: 'ES256' })}.${b64url({ seq: 4, iat: 1_772_373_909, revoked: [FINGERPRINT] })}.c2ln`, {
          status: 200,
          headers: { 'Content-Type': 'application/jwt' },
        }),
  'GET /api/v1/admin/device-revocations': () =>
    json(200, page([{ fingerprint: FINGERPRINT, revoked_at: '2026-03-01T10:00:00Z', revoked_by: 'root', reason: 'certificate cloned' }])),
  'GET /api/v1/device-admission': () => json(200, { accept_built_in_ca: true, all_manufacturer_roots: true, manufacturer_roots: [], min_security_level: 1 }),
  'PUT /api/v1/device-admission': async (request: Request) =>
    json(200, { ...(await request.json()), updated_at: '2026-03-01T10:00:00Z', updated_by: 'someone' }),
  'GET /api/v1/devices/blocks': () =>
    json(200, page([{ fingerprint: FINGERPRINT, blocked_at: '2026-03-01T10:00:00Z', blocked_by: 'acme/abc', reason: 'chargeback' }])),
  'GET /api/v1/entitlement-token-keys': () => json(200, page([])),
  'GET /api/v1/cors-origins': () => json(200, { origins: [] }),
};

function renderAt(path: string, session: SessionState, api = fakeApi(routes)) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <App clients={api.clients} initialSession={session} />
    </MemoryRouter>,
  );
  return api;
}

describe('role-aware management pages', () => {
  it('lets only an ADMIN add and remove trust roots', async () => {
    renderAt('/trust-roots', signedIn('OPERATOR'));
    expect(within(await screen.findByTestId('trust-roots-table')).getByText('Acme devices')).toBeTruthy();
    expect(screen.queryByTestId('new-trust-root')).toBeNull();
    expect(screen.queryByTestId('remove-trust-root')).toBeNull();
    cleanup();
    renderAt('/trust-roots', signedIn('ADMIN'));
    await screen.findByTestId('trust-roots-table');
    expect(screen.getByTestId('new-trust-root')).toBeTruthy();
    expect(screen.getByTestId('remove-trust-root')).toBeTruthy();
  });

  it('shows users to an ADMIN only: an OPERATOR has no link and no page', async () => {
    renderAt('/users', signedIn('OPERATOR'));
    expect(await screen.findByTestId('not-found')).toBeTruthy();
    expect(screen.queryByTestId('nav-users')).toBeNull();
    expect(screen.getByTestId('nav-audit')).toBeTruthy();
  });
});

describe('the grant form', () => {
  it('sends nothing while invalid, then grants and links to the pre-generation job', async () => {
    const api = renderAt('/entitlements/new?provider=acme&generated_id=AAAAAAAAAAAAAAAAAAAAAA', signedIn('OPERATOR'));
    await screen.findByTestId('entitlement-form');
    await screen.findByRole('option', { name: /rental/ });
    fireEvent.click(screen.getByTestId('grant-entitlement'));
    expect(screen.getByTestId('error-content_id').textContent).toBe('is required');
    expect(screen.getByTestId('field-content_id').getAttribute('aria-invalid')).toBe('true');
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByTestId('field-content_id'), { target: { value: 'movie' } });
    fireEvent.change(screen.getByTestId('field-policy_name'), { target: { value: 'rental' } });
    expect(screen.queryByTestId('error-content_id')).toBeNull();
    fireEvent.click(screen.getByTestId('grant-entitlement'));
    expect(await screen.findByTestId('entitlement-granted')).toBeTruthy();
    expect(screen.getByTestId('entitlement-job').getAttribute('href')).toBe('/jobs/22222222-2222-2222-2222-222222222222?provider=acme');
    const post = api.requests.find((r) => r.method === 'POST')!;
    expect(post.query.get('provider')).toBe('acme');
    expect(post.body).toEqual({ generated_id: 'AAAAAAAAAAAAAAAAAAAAAA', content_id: 'movie', policy_name: 'rental', license_type: 'OFFLINE', use_policy_overrides_exclusively: false });
  });
});

describe('the revocation list', () => {
  it('shows the signed list with the time, revoker and reason of each fingerprint', async () => {
    renderAt('/revocations', signedIn('AUDITOR'));
    expect((await screen.findByTestId('revocation-sequence')).textContent).toBe('4');
    const row = await screen.findByTestId('revocations-row');
    expect(row.textContent).toContain(FINGERPRINT);
    expect(row.textContent).toContain('1 Mar 2026, 10:00:00 UTC');
    expect(row.textContent).toContain('root');
    expect(row.textContent).toContain('certificate cloned');
    expect(screen.queryByTestId('revoke-fingerprint')).toBeNull();
  });

  it('lets only an ADMIN revoke for the whole platform', async () => {
    renderAt('/revocations', signedIn('OPERATOR'));
    expect(await screen.findByTestId('revocations-row')).toBeTruthy();
    expect(screen.queryByTestId('revoke-fingerprint')).toBeNull();
  });

  it('revokes a fingerprint only with a valid fingerprint and a reason', async () => {
    const api = renderAt('/revocations', signedIn('ADMIN'));
    fireEvent.click(await screen.findByTestId('revoke-fingerprint'));
    const dialog = screen.getByTestId('confirm-dialog');
    const confirm = within(dialog).getByTestId('confirm-button') as HTMLButtonElement;
    fireEvent.change(within(dialog).getByTestId('field-fingerprint'), { target: { value: 'too-short' } });
    fireEvent.change(within(dialog).getByTestId('field-revoke-reason'), { target: { value: 'cloned' } });
    expect(within(dialog).getByTestId('error-fingerprint')).toBeTruthy();
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByTestId('field-fingerprint'), { target: { value: FINGERPRINT } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    await waitFor(() => expect(api.requests.some((r) => r.method === 'POST' && r.path === '/api/v1/admin/device-revocations')).toBe(true));
  });
});

describe('device admission and blocks', () => {
  it('shows them to an OPERATOR without letting it change the admission', async () => {
    renderAt('/settings?provider=acme', signedIn('OPERATOR'));
    expect((await screen.findByTestId('device-admission')).textContent).toContain('Built-in Device CA: admitted');
    expect((await screen.findByTestId('device-blocks')).textContent).toContain('chargeback');
    expect(screen.queryByTestId('edit-admission')).toBeNull();
  });

  it('lets an ADMIN refuse the built-in CA and list manufacturer roots', async () => {
    const api = renderAt('/settings?provider=acme', signedIn('ADMIN'));
    fireEvent.click(await screen.findByTestId('edit-admission'));
    fireEvent.click(screen.getByTestId('field-accept-built-in-ca'));
    fireEvent.click(screen.getByTestId('field-all-manufacturer-roots'));
    fireEvent.change(screen.getByTestId('field-manufacturer-roots'), { target: { value: 'short' } });
    expect(screen.getByTestId('error-manufacturer-roots')).toBeTruthy();
    expect((screen.getByTestId('save-admission') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('field-manufacturer-roots'), { target: { value: FINGERPRINT } });
    fireEvent.change(screen.getByTestId('field-min-security-level'), { target: { value: '3' } });
    fireEvent.click(screen.getByTestId('save-admission'));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'PUT')).toBe(true));
    const put = api.requests.find((r) => r.method === 'PUT')!;
    expect(put.query.get('provider')).toBe('acme');
    expect(put.body).toEqual({ accept_built_in_ca: false, all_manufacturer_roots: false, manufacturer_roots: [FINGERPRINT], min_security_level: 3 });
  });
});

describe('the audit trail', () => {
  it('maps its URL filters onto the API: provider by name, times in UTC, no sort', () => {
    expect(auditQuery({ page: 0, size: 20, sort: 'x', provider_name: 'acme', from: '2026-03-01T14:05', to: 'junk', outcome: 'REFUSED' })).toEqual({
      page: 0,
      size: 20,
      provider: 'acme',
      from: '2026-03-01T14:05:00Z',
      outcome: 'REFUSED',
    });
  });

  it('shows an intact chain as OK and a broken one with where it breaks', () => {
    render(<VerificationResult result={{ intact: true, breaks: [], verified_events: 12, last_event_id: 12, unsealed_events: 2, verified_at: '2026-01-01T00:00:00Z' }} />);
    expect(screen.getByTestId('chain-status').textContent).toBe('OK');
    expect(screen.getByTestId('chain-verification').textContent).toContain('12 sealed event(s) verified, up to #12; 2 newer event(s) not sealed yet');
    cleanup();
    render(<VerificationResult result={{ intact: false, breaks: [{ event_id: 7, reason: 'hash mismatch' }], verified_events: 12, last_event_id: 12, unsealed_events: 0, verified_at: '2026-01-01T00:00:00Z' }} />);
    expect(screen.getByTestId('chain-status').textContent).toBe('BROKEN');
    expect(screen.getByTestId('chain-verification').getAttribute('data-intact')).toBe('false');
    expect(screen.getByTestId('chain-breaks').textContent).toBe('Event #7: hash mismatch');
  });
});

describe('deleting content', () => {
  const summary = (dryRun: boolean) => ({ content_id: 'movie', dry_run: dryRun, entitlements_withdrawn: 3, device_entitlements: 2, group_entitlements: 1, keys_deleted: 4 });
  const contentRoutes = {
    ...routes,
    'GET /api/v1/contents/movie': () => json(200, { content_id: 'movie', name: 'Movie', created_at: '2026-03-01T10:00:00Z', keys: [] }),
    'DELETE /api/v1/contents/movie': (request: Request) => json(200, summary(new URL(request.url).searchParams.get('dry_run') === 'true')),
  };

  it('says what a deletion withdraws, from a dry run, and deletes only once confirmed', async () => {
    const api = renderAt('/contents/movie?provider=acme', signedIn('OPERATOR'), fakeApi(contentRoutes));
    fireEvent.click(await screen.findByTestId('delete-content'));

    const text = (await screen.findByTestId('content-deletion-summary')).textContent;
    expect(text).toContain('3 live entitlements will be withdrawn (2 of devices, 1 of device groups)');
    expect(text).toContain('4 content keys deleted');
    const deletes = () => api.requests.filter((r) => r.method === 'DELETE');
    expect(deletes().map((r) => r.query.get('dry_run'))).not.toContain(null);
    expect(deletes().every((r) => r.query.get('provider') === 'acme')).toBe(true);

    fireEvent.click(screen.getByTestId('confirm-button'));
    await waitFor(() => expect(deletes().some((r) => r.query.get('dry_run') === null)).toBe(true));
    const real = deletes().filter((r) => r.query.get('dry_run') === null);
    expect(real).toHaveLength(1);
    expect(real[0]!.path).toBe('/api/v1/contents/movie');
    expect(real[0]!.query.get('provider')).toBe('acme');
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
  });

  it('cancelling deletes nothing', async () => {
    const api = renderAt('/contents/movie?provider=acme', signedIn('ADMIN'), fakeApi(contentRoutes));
    fireEvent.click(await screen.findByTestId('delete-content'));
    await screen.findByTestId('content-deletion-summary');
    fireEvent.click(within(screen.getByTestId('confirm-dialog')).getByText('Cancel'));

    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(api.requests.filter((r) => r.method === 'DELETE').every((r) => r.query.get('dry_run') === 'true')).toBe(true);
  });

  it('offers no deletion to an AUDITOR', async () => {
    renderAt('/contents/movie?provider=acme', signedIn('AUDITOR'), fakeApi(contentRoutes));
    await screen.findByTestId('content-keys');
    expect(screen.queryByTestId('delete-content')).toBeNull();
  });
});
