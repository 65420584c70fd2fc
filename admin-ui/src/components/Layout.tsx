import { Suspense, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useSession } from '../auth/session';
import { ProviderPicker, useLinkTo } from '../lib/provider';
import { NAV_SECTIONS, visibleRoutes } from '../routes';
import { Loading } from './States';

/** The signed-in frame: header (provider picker, user, sign out), navigation, and the page. */
export function Layout() {
  const session = useSession();
  const linkTo = useLinkTo();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const routes = visibleRoutes(session.can);
  const user = session.user;

  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="topbar__menu"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <span className="topbar__brand">Voucher console</span>
        <ProviderPicker />
        <div className="topbar__user">
          <span data-testid="current-user">{user?.username}</span>{' '}
          <span className="badge" data-testid="current-role">
            {user?.role}
          </span>
          <button type="button" className="button--small" onClick={() => void session.signOut()} data-testid="sign-out">
            Sign out
          </button>
        </div>
      </header>
      <div className="shell__body">
        <nav id="main-nav" className={`sidenav${menuOpen ? ' sidenav--open' : ''}`} aria-label="Console">
          {NAV_SECTIONS.map((section) => {
            const entries = routes.filter((route) => route.section === section && route.nav !== false);
            if (entries.length === 0) return null;
            return (
              <div key={section} className="sidenav__section">
                <h2 className="sidenav__title">{section}</h2>
                <ul>
                  {entries.map((route) => (
                    <li key={route.path}>
                      <NavLink
                        to={linkTo(`/${route.path}`)}
                        onClick={() => setMenuOpen(false)}
                        data-testid={`nav-${route.path}`}
                        className={({ isActive }) => (isActive || location.pathname.startsWith(`/${route.path}/`) ? 'active' : undefined)}
                      >
                        {route.label}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </nav>
        <main id="content" className="content" tabIndex={-1}>
          {/* A boundary per page: a page still loading shows its own fallback at once, so that the URL,
              the navigation and the provider picker already stand on the page that was chosen (a
              transition would keep the previous page on screen, and the picker would act on it). */}
          <Suspense key={location.pathname.split('/')[1] ?? ''} fallback={<Loading what="Loading the page…" testId="page-loading" />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
