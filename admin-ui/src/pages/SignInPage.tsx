import { useDocumentTitle } from '../components/PageHeader';
import { useState } from 'react';
import { ApiProblem, errorMessage } from '../api/client';
import { Field } from '../components/Field';
import { useSession } from '../auth/session';

/** Username and password → a console session (cookies set by the server). */
export function SignInPage({ reason }: { reason?: 'none' | 'expired' | 'signed-out' }) {
  useDocumentTitle('Sign in');
  const session = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session.signIn(username.trim(), password);
    } catch (e) {
      // The password leaves the screen whatever happened.
      setPassword('');
      setError(e instanceof ApiProblem && e.status === 401 ? 'Wrong username or password.' : errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <main className="signin" aria-labelledby="signin-title">
      <form className="card signin__card" onSubmit={submit} data-testid="sign-in-form">
        <h1 id="signin-title">Voucher console</h1>
        {reason === 'expired' && (
          <p className="notice" role="status" data-testid="session-expired">
            Your session ended. Sign in again.
          </p>
        )}
        {reason === 'signed-out' && (
          <p className="notice" role="status">
            You are signed out.
          </p>
        )}
        <Field label="Username" name="username">
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required autoFocus />
        </Field>
        <Field label="Password" name="password">
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
        </Field>
        {error && (
          <p className="field__error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <button type="submit" className="button--primary" disabled={busy} data-testid="sign-in">
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="signin__status">
          <a href="/admin/status">Platform status</a>
        </p>
      </form>
    </main>
  );
}
