import { useDocumentTitle } from './components/PageHeader';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiProvider, type Clients } from './api/context';
import { SessionProvider, useSession, type SessionState } from './auth/session';
import { Layout } from './components/Layout';
import { Loading } from './components/States';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { SignInPage } from './pages/SignInPage';
import { HOME, visibleRoutes } from './routes';
import { StatusPage } from './StatusPage';

/** The whole console: the API client, the session, and the pages the session may see. */
export function App({ clients, initialSession }: { clients?: Clients; initialSession?: SessionState }) {
  return (
    <ApiProvider clients={clients}>
      <SessionProvider initial={initialSession}>
        <ConsoleRoutes />
      </SessionProvider>
    </ApiProvider>
  );
}

function ConsoleRoutes() {
  const session = useSession();
  const location = useLocation();
  const { state } = session;

  if (state.kind === 'checking') {
    return (
      <main className="signin">
        <Loading what="Loading the console…" />
      </main>
    );
  }
  if (state.kind === 'signed-out') {
    // The URL stays as it is: after signing in, the deep link shows what it points to.
    return (
      <Routes>
        <Route path="status" element={<StatusPage />} />
        <Route path="*" element={<SignInPage reason={state.reason} />} />
      </Routes>
    );
  }
  if (state.user.must_change_password) {
    return <ChangePasswordPage />;
  }
  const routes = visibleRoutes(session.can);
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Navigate to={{ pathname: `/${HOME}`, search: location.search }} replace />} />
        {routes.map(({ path, Component }) => (
          <Route key={path} path={`${path}/*`} element={<Component />} />
        ))}
        <Route path="account" element={<ChangePasswordPage forced={false} />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function NotFound() {
  useDocumentTitle('Not found');
  return (
    <div className="notice" data-testid="not-found">
      <h1>Not found</h1>
      <p>There is no such page in the console, or your role may not see it.</p>
    </div>
  );
}
