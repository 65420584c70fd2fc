import { useState } from 'react';
import { unwrap, type Schemas } from '../api/client';
import { useSubmit } from '../lib/useSubmit';
import { useApi } from '../api/context';
import { useSession } from '../auth/session';
import { DataTable } from '../components/DataTable';
import { StatusPill } from '../components/Facts';
import { Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { SecretOnce } from '../components/SecretOnce';
import { Done, ErrorNotice } from '../components/States';
import { formatInstant } from '../lib/format';
import { apiQuery } from '../lib/listParams';
import { MIN_PASSWORD_LENGTH, ROLES, generatePassword, validateNewUser } from '../lib/validation';
import { UserActionButtons, UserActionDialog, type UserAction } from './UserActions';

type AdminUser = Schemas['AdminUser'];
type Role = (typeof ROLES)[number];

const ROLE_HINTS: Record<Role, string> = {
  ADMIN: 'Everything, including users, credentials and trust roots.',
  OPERATOR: 'Manages provider data and devices; no users, credentials or trust roots.',
  AUDITOR: 'Reads everything but users; changes nothing.',
};

/** Console users: ADMIN only (the route is not shown to other roles). */
export function UsersPage() {
  const api = useApi();
  const session = useSession();
  const [creating, setCreating] = useState(false);
  const [acting, setActing] = useState<{ user: AdminUser; action: UserAction } | null>(null);
  const [reload, setReload] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const [oneTime, setOneTime] = useState<{ username: string; password: string } | null>(null);

  return (
    <>
      <PageHeader title="Users" subtitle="Who may sign in to the console, and with which role">
        <button type="button" className="button--primary" onClick={() => setCreating(true)} data-testid="new-user">
          New user
        </button>
      </PageHeader>
      {done && <Done onDismiss={() => setDone(null)}>{done}</Done>}
      {oneTime && (
        <SecretOnce label={`One-time password of ${oneTime.username}`} value={oneTime.password} onDismiss={() => setOneTime(null)} />
      )}
      {creating && (
        <CreateUserForm
          onCancel={() => setCreating(false)}
          onCreated={(user, password, generated) => {
            setCreating(false);
            setDone(`User ${user.username} created as ${user.role}: they choose their own password at first sign-in.`);
            if (generated) setOneTime({ username: user.username ?? '', password });
            setReload((n) => n + 1);
          }}
        />
      )}
      <DataTable<AdminUser>
        label="Users"
        testId="users"
        reloadToken={reload}
        load={(query, signal) => unwrap(api.GET('/api/v1/admin/users', { params: { query: apiQuery(query) }, signal }))}
        rowKey={(u) => u.username ?? ''}
        empty="No users."
        columns={[
          { key: 'username', header: 'Username', sortable: true, render: (u) => u.username },
          { key: 'role', header: 'Role', render: (u) => <span className="badge">{u.role}</span> },
          { key: 'enabled', header: 'State', render: (u) => <StatusPill status={u.enabled ? 'ACTIVE' : 'DISABLED'} /> },
          { key: 'must_change_password', header: 'Password', render: (u) => (u.must_change_password ? 'one-time, not changed yet' : 'own') },
          { key: 'created_at', header: 'Created', sortable: true, render: (u) => formatInstant(u.created_at) },
          {
            key: 'actions',
            header: 'Actions',
            className: 'actions',
            render: (u) => <UserActionButtons user={u} self={u.username === session.user?.username} onAction={(action) => setActing({ user: u, action })} />,
          },
        ]}
      />
      {acting && (
        <UserActionDialog
          user={acting.user}
          action={acting.action}
          onCancel={() => setActing(null)}
          onDone={(message, password) => {
            setActing(null);
            setDone(message);
            if (password) setOneTime({ username: acting.user.username ?? '', password });
            setReload((n) => n + 1);
          }}
        />
      )}
    </>
  );
}

function CreateUserForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (user: AdminUser, password: string, generated: boolean) => void }) {
  const api = useApi();
  const [form, setForm] = useState<{ username: string; role: Role; initial_password: string }>({ username: '', role: 'OPERATOR', initial_password: '' });
  const [generated, setGenerated] = useState(false);
  const { busy, errors, failure, run } = useSubmit();

  return (
    <form
      className="card form"
      noValidate
      aria-label="New user"
      data-testid="user-form"
      onSubmit={(event) => {
        event.preventDefault();
        void run(
          async () => {
            const user = await unwrap(api.POST('/api/v1/admin/users', { body: form }));
            onCreated(user, form.initial_password, generated);
          },
          { validate: () => validateNewUser(form) },
        );
      }}
    >
      <h2>New user</h2>
      <div className="form-grid">
        <Field label="Username" name="username" error={errors.username} hint="Letters, digits and . _ @ -">
          <input value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} autoComplete="off" autoFocus />
        </Field>
        <Field label="Role" name="role" error={errors.role} hint={ROLE_HINTS[form.role]}>
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="password-row">
        <Field
          label="One-time password"
          name="initial_password"
          error={errors.initial_password}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters; the user must change it at first sign-in.`}
        >
          <input
            type="password"
            autoComplete="new-password"
            value={form.initial_password}
            onChange={(e) => {
              setGenerated(false);
              setForm({ ...form, initial_password: e.target.value });
            }}
          />
        </Field>
        <button
          type="button"
          onClick={() => {
            setGenerated(true);
            setForm({ ...form, initial_password: generatePassword() });
          }}
          data-testid="generate-password"
        >
          Generate
        </button>
      </div>
      {generated && <p className="field__hint">A random password is filled in; it is shown once, after the user is created.</p>}
      {failure !== null && <ErrorNotice error={failure} title="Not created" focus />}
      <div className="form-actions">
        <button type="submit" className="button--primary" disabled={busy} data-testid="save-user">
          Create
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
