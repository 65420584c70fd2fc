import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiProvider, createClients } from '../api/context';
import { ProviderStateDialog, validateDisplayName } from './ProviderManagement';
import { UserActionDialog } from './UserActions';

afterEach(cleanup);

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function fakeClients(answer: (request: Request, body: unknown) => Response) {
  const sent: { method: string; path: string; body: unknown }[] = [];
  const fetch = vi.fn(async (request: Request) => {
    const text = await request.clone().text();
    const body = text ? JSON.parse(text) : null;
    sent.push({ method: request.method, path: new URL(request.url).pathname, body });
    return answer(request, body);
  });
  return { clients: createClients({ fetch, baseUrl: 'http://console.test', cookies: () => 'XSRF-TOKEN=t' }), sent };
}

const USER = { username: 'jo', role: 'OPERATOR' as const, enabled: true, must_change_password: false, created_at: '2026-01-01T00:00:00Z' };

describe('user actions', () => {
  it('reset the password to a generated one, and hand it over only once the server took it', async () => {
    const { clients, sent } = fakeClients(() => json(200, { ...USER, must_change_password: true }));
    const onDone = vi.fn();
    render(
      <ApiProvider clients={clients}>
        <UserActionDialog user={USER} action="password" onCancel={() => {}} onDone={onDone} />
      </ApiProvider>,
    );
    expect(screen.getByRole('alertdialog').textContent).toContain('sessions end');
    expect(sent).toHaveLength(0);
    fireEvent.click(screen.getByTestId('confirm-button'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(sent).toEqual([{ method: 'POST', path: '/api/v1/admin/users/jo/password', body: { new_password: expect.any(String) } }]);
    const password = (sent[0]!.body as { new_password: string }).new_password;
    expect(password).toHaveLength(20);
    expect(onDone.mock.lastCall?.[1]).toBe(password);
  });

  it('give no password when the server refuses the reset', async () => {
    const { clients } = fakeClients(() => json(409, { code: 'OWN_ACCOUNT', detail: 'That is your own account.' }));
    const onDone = vi.fn();
    render(
      <ApiProvider clients={clients}>
        <UserActionDialog user={USER} action="password" onCancel={() => {}} onDone={onDone} />
      </ApiProvider>,
    );
    fireEvent.click(screen.getByTestId('confirm-button'));
    expect((await screen.findByTestId('confirm-error')).textContent).toBe('That is your own account.');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('change the role only to another one', async () => {
    const { clients, sent } = fakeClients((_, body) => json(200, { ...USER, ...(body as object) }));
    const onDone = vi.fn();
    render(
      <ApiProvider clients={clients}>
        <UserActionDialog user={USER} action="role" onCancel={() => {}} onDone={onDone} />
      </ApiProvider>,
    );
    expect((screen.getByTestId('confirm-button') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('field-new-role'), { target: { value: 'AUDITOR' } });
    fireEvent.click(screen.getByTestId('confirm-button'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(sent).toEqual([{ method: 'PUT', path: '/api/v1/admin/users/jo/role', body: { role: 'AUDITOR' } }]);
  });
});

describe('provider management', () => {
  it('says what stops before disabling, and sends only the state', async () => {
    const { clients, sent } = fakeClients(() => json(200, { name: 'acme', display_name: 'Acme', created_at: '2026-01-01T00:00:00Z', disabled: true }));
    const onChanged = vi.fn();
    render(
      <ApiProvider clients={clients}>
        <ProviderStateDialog
          provider={{ name: 'acme', display_name: 'Acme', created_at: '2026-01-01T00:00:00Z', disabled: false }}
          activeCredentials={2}
          onCancel={() => {}}
          onChanged={onChanged}
        />
      </ApiProvider>,
    );
    const effects = screen.getByTestId('provider-disable-effects').textContent ?? '';
    expect(effects).toContain('API credentials (2 active) are refused');
    expect(effects).toContain('no new licenses, registrations or out-of-band bundles');
    fireEvent.click(screen.getByTestId('confirm-button'));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(sent).toEqual([{ method: 'PATCH', path: '/api/v1/admin/providers/acme', body: { disabled: true } }]);
  });

  it('checks a display name as the server does', () => {
    expect(validateDisplayName('  ')).toBe('Required.');
    expect(validateDisplayName('x'.repeat(201))).toBe('At most 200 characters.');
    expect(validateDisplayName('Acme Media')).toBeUndefined();
  });
});
