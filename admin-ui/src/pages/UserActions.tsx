// What an ADMIN does to another console user: change the role, reset the password (a one-time
// password shown once), disable and enable again. Each asks first and says what follows.
import { useState } from 'react';
import { unwrap, type Schemas } from '../api/client';
import { useApi } from '../api/context';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Field } from '../components/Field';
import { generatePassword, ROLES } from '../lib/validation';

type AdminUser = Schemas['AdminUser'];
type Role = (typeof ROLES)[number];

export type UserAction = 'role' | 'password' | 'disable' | 'enable';

/** The buttons of one user's row; none on the signed-in admin's own row (the API refuses those). */
export function UserActionButtons({ user, self, onAction }: { user: AdminUser; self: boolean; onAction: (action: UserAction) => void }) {
  if (self) return <small className="field__hint">you</small>;
  return (
    <span className="actions__group">
      <button type="button" className="button--small" onClick={() => onAction('role')} data-testid="change-role">
        Role…
      </button>
      <button type="button" className="button--small" onClick={() => onAction('password')} data-testid="reset-password">
        Reset password…
      </button>
      {user.enabled ? (
        <button type="button" className="button--small button--danger" onClick={() => onAction('disable')} data-testid="disable-user">
          Disable
        </button>
      ) : (
        <button type="button" className="button--small" onClick={() => onAction('enable')} data-testid="enable-user">
          Enable
        </button>
      )}
    </span>
  );
}

/** The dialog of one action; `onDone` gets a sentence for the page, and the one-time password after a reset. */
export function UserActionDialog({
  user,
  action,
  onCancel,
  onDone,
}: {
  user: AdminUser;
  action: UserAction;
  onCancel: () => void;
  onDone: (message: string, oneTimePassword?: string) => void;
}) {
  const api = useApi();
  const username = user.username ?? '';
  const path = { params: { path: { username } } };
  const [role, setRole] = useState<Role>((user.role as Role) ?? 'OPERATOR');
  // Generated when the dialog opens; sent only on confirm, shown only after the server took it.
  const [password] = useState(() => generatePassword());

  switch (action) {
    case 'role':
      return (
        <ConfirmDialog
          title={`Change the role of ${username}?`}
          confirmLabel="Change role"
          danger={false}
          confirmDisabled={role === user.role}
          onCancel={onCancel}
          onConfirm={async () => {
            const changed = await unwrap(api.PUT('/api/v1/admin/users/{username}/role', { ...path, body: { role } }));
            onDone(`${username} is now ${changed.role}: their console sessions ended, the next sign-in has the new role.`);
          }}
        >
          <p>
            {username} is {user.role} now. Their console sessions end at once, so that the next sign-in has the new role.
          </p>
          <Field label="New role" name="new-role">
            <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </Field>
        </ConfirmDialog>
      );
    case 'password':
      return (
        <ConfirmDialog
          title={`Reset the password of ${username}?`}
          confirmLabel="Reset password"
          onCancel={onCancel}
          onConfirm={async () => {
            await unwrap(api.POST('/api/v1/admin/users/{username}/password', { ...path, body: { new_password: password } }));
            onDone(`${username} has a new one-time password: give it to them; they choose their own at the next sign-in.`, password);
          }}
        >
          <p>
            A random one-time password replaces {username}&apos;s password; it is shown once, after the reset. Their console sessions end
            at once and they must choose their own password at the next sign-in.{user.enabled ? '' : ' They stay disabled.'}
          </p>
        </ConfirmDialog>
      );
    case 'disable':
      return (
        <ConfirmDialog
          title={`Disable ${username}?`}
          confirmLabel="Disable user"
          onCancel={onCancel}
          onConfirm={async () => {
            await unwrap(api.POST('/api/v1/admin/users/{username}/disable', path));
            onDone(`User ${username} disabled.`);
          }}
        >
          <p>
            They can no longer sign in, and their console sessions end at once. The user is kept, disabled, so that the audit trail
            still names them; enabling them again restores their role and password.
          </p>
        </ConfirmDialog>
      );
    case 'enable':
      return (
        <ConfirmDialog
          title={`Enable ${username} again?`}
          confirmLabel="Enable user"
          danger={false}
          onCancel={onCancel}
          onConfirm={async () => {
            await unwrap(api.POST('/api/v1/admin/users/{username}/enable', path));
            onDone(`User ${username} enabled: they sign in again as ${user.role}.`);
          }}
        >
          <p>They sign in again with the password and role ({user.role}) they had.</p>
        </ConfirmDialog>
      );
  }
}
