// Every console page: its path (under /admin), its place in the navigation, and who may
// see it. Add a page here and in src/pages/ — nothing else needs to change. Pages load on
// first visit (one chunk each), so the first paint carries only the frame.
import { lazy, type ComponentType } from 'react';
import type { Capability } from './auth/permissions';
import { StatusPage } from './StatusPage';

/** A page module's named export, loaded when the page is first shown. */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): ComponentType {
  return lazy(() => load().then((module) => ({ default: module[name] as ComponentType })));
}

// The status page is in the first chunk anyway: it is public, shown before signing in.
const StatusSection = () => <StatusPage as="section" />;

export const NAV_SECTIONS = ['Overview', 'Catalogue', 'Devices', 'Platform'] as const;

export interface ConsoleRoute {
  /** Path under /admin, without a leading slash; pages handle their own sub-paths. */
  path: string;
  label: string;
  section: (typeof NAV_SECTIONS)[number];
  Component: ComponentType;
  /** Hidden (and not routed) unless the signed-in role has this. */
  needs?: Capability;
  /** Left out of the navigation (still routed). */
  nav?: boolean;
}

export const ROUTES: ConsoleRoute[] = [
  { path: 'dashboard', label: 'Dashboard', section: 'Overview', Component: page(() => import('./pages/DashboardPage'), 'DashboardPage') },
  { path: 'jobs', label: 'Jobs', section: 'Overview', Component: page(() => import('./pages/JobsPage'), 'JobsPage') },
  { path: 'audit', label: 'Audit trail', section: 'Overview', Component: page(() => import('./pages/AuditPage'), 'AuditPage') },
  { path: 'policies', label: 'Policies', section: 'Catalogue', Component: page(() => import('./pages/PoliciesPage'), 'PoliciesPage') },
  { path: 'contents', label: 'Content and keys', section: 'Catalogue', Component: page(() => import('./pages/ContentsPage'), 'ContentsPage') },
  { path: 'entitlements', label: 'Entitlements', section: 'Catalogue', Component: page(() => import('./pages/EntitlementsPage'), 'EntitlementsPage') },
  { path: 'try-it', label: 'Try-it player', section: 'Catalogue', Component: page(() => import('./pages/TryItPage'), 'TryItPage'), needs: 'tryPlayback' },
  { path: 'registrations', label: 'Registrations', section: 'Devices', Component: page(() => import('./pages/RegistrationsPage'), 'RegistrationsPage') },
  { path: 'groups', label: 'Device groups', section: 'Devices', Component: page(() => import('./pages/DeviceGroupsPage'), 'DeviceGroupsPage') },
  { path: 'licenses', label: 'Licenses', section: 'Devices', Component: page(() => import('./pages/LicensesPage'), 'LicensesPage') },
  { path: 'revocations', label: 'Revocation list', section: 'Devices', Component: page(() => import('./pages/RevocationsPage'), 'RevocationsPage') },
  { path: 'providers', label: 'Providers', section: 'Platform', Component: page(() => import('./pages/ProvidersPage'), 'ProvidersPage') },
  { path: 'settings', label: 'Provider settings', section: 'Platform', Component: page(() => import('./pages/ProviderSettingsPage'), 'ProviderSettingsPage') },
  { path: 'trust-roots', label: 'Trust roots', section: 'Platform', Component: page(() => import('./pages/TrustRootsPage'), 'TrustRootsPage') },
  { path: 'users', label: 'Users', section: 'Platform', Component: page(() => import('./pages/UsersPage'), 'UsersPage'), needs: 'manageUsers' },
  { path: 'status', label: 'Status', section: 'Platform', Component: StatusSection },
];

/** The first page after sign-in. */
export const HOME = 'dashboard';

export function visibleRoutes(can: (capability: Capability) => boolean): ConsoleRoute[] {
  return ROUTES.filter((route) => !route.needs || can(route.needs));
}
