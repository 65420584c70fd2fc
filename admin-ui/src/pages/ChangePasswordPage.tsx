import { useDocumentTitle } from '../components/PageHeader';
import { useState } from 'react';
import { ApiProblem, errorMessage, unwrap } from '../api/client';
import { useApi } from '../api/context';
import { Field } from '../components/Field';
import { useSession } from '../auth/session';

export const MIN_PASSWORD_LENGTH = 12;

export interface PasswordForm {
  current: string;
  next: string;
  repeat: string;
}

/** The server's rules for a new password, checked before sending. */
export function validatePasswordChange(form: PasswordForm): Partial<Record<keyof PasswordForm, string>> {
  const errors: Partial<Record<keyof PasswordForm, string>> = {};
  if (!form.current) errors.current = 'Enter your current password.';
  if (form.next.length < MIN_PASSWORD_LENGTH || form.next.length > 200) {
    errors.next = `Passwords must be ${MIN_PASSWORD_LENGTH} to 200 characters long.`;
  } else if (form.next === form.current) {
    errors.next = 'The new password must differ from the current one.';
  }
  if (form.repeat !== form.next) errors.repeat = 'The two new passwords differ.';
  return errors;
}

/** Shown instead of the console while the signed-in user has a one-time password. */
export function ChangePasswordPage({ forced = true }: { forced?: boolean }) {
  useDocumentTitle('Change your password');
  const api = useApi();
  const session = useSession();
  const [form, setForm] = useState<PasswordForm>({ current: '', next: '', repeat: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof PasswordForm, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const found = validatePasswordChange(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.POST('/api/v1/admin/me/password', { body: { current_password: form.current, new_password: form.next } }));
      setForm({ current: '', next: '', repeat: '' });
      setDone(true);
      await session.refresh();
    } catch (e) {
      setError(e instanceof ApiProblem && e.problem?.detail ? e.problem.detail : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const set = (key: keyof PasswordForm) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value });

  return (
    <main className={forced ? 'signin' : undefined} aria-labelledby="password-title">
      <form className="card signin__card" onSubmit={submit} noValidate data-testid="change-password-form">
        <h1 id="password-title">Change your password</h1>
        {forced && <p>Your password was set by someone else: choose your own before going on.</p>}
        {done && (
          <p className="notice notice--ok" role="status">
            Password changed.
          </p>
        )}
        <Field label="Current password" name="current-password" error={errors.current}>
          <input type="password" value={form.current} onChange={set('current')} autoComplete="current-password" />
        </Field>
        <Field label="New password" name="new-password" error={errors.next} hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}>
          <input type="password" value={form.next} onChange={set('next')} autoComplete="new-password" />
        </Field>
        <Field label="New password again" name="repeat-password" error={errors.repeat}>
          <input type="password" value={form.repeat} onChange={set('repeat')} autoComplete="new-password" />
        </Field>
        {error && (
          <p className="field__error" role="alert" data-testid="change-password-error">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button--primary" disabled={busy} data-testid="change-password">
            Change password
          </button>
          {forced && (
            <button type="button" onClick={() => void session.signOut()}>
              Sign out
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
