// Every console page: its path (under /admin), its place in the navigation, and who may
// see it. Add a page here and in src/pages/ — nothing else needs to change.
import type { ComponentType } from 'react';
import type { Capability } from './auth/permissions';
import { ContentsPage } from './pages/ContentsPage';
import { DashboardPage } from './pages/DashboardPage';
import { JobsPage } from './pages/JobsPage';
import { LicensesPage } from './pages/LicensesPage';
import { PoliciesPage } from './pages/PoliciesPage';
import { ProvidersPage } from './pages/ProvidersPage';
import { RegistrationsPage } from './pages/RegistrationsPage';
import { StatusPage } from './StatusPage';

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
  { path: 'dashboard', label: 'Dashboard', section: 'Overview', Component: DashboardPage },
  { path: 'jobs', label: 'Jobs', section: 'Overview', Component: JobsPage },
  { path: 'policies', label: 'Policies', section: 'Catalogue', Component: PoliciesPage },
  { path: 'contents', label: 'Content and keys', section: 'Catalogue', Component: ContentsPage },
  { path: 'registrations', label: 'Registrations', section: 'Devices', Component: RegistrationsPage },
  { path: 'licenses', label: 'Licenses', section: 'Devices', Component: LicensesPage },
  { path: 'providers', label: 'Providers', section: 'Platform', Component: ProvidersPage },
  { path: 'status', label: 'Status', section: 'Platform', Component: StatusSection },
];

/** The first page after sign-in. */
export const HOME = 'dashboard';

export function visibleRoutes(can: (capability: Capability) => boolean): ConsoleRoute[] {
  return ROUTES.filter((route) => !route.needs || can(route.needs));
}
