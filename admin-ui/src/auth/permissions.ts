// What each console role may do, as the server enforces it (see the authorization matrix
// of license-api). The console hides every action a role would be refused.

export type Role = 'ADMIN' | 'OPERATOR' | 'AUDITOR';

export type Capability =
  /** Read everything but users: every role. */
  | 'read'
  /** Change provider data (policies, content, entitlements, groups, registrations, a provider's device blocks), create providers, export bundles. */
  | 'write'
  /** Create, rotate and revoke provider credentials. */
  | 'manageCredentials'
  /** Add and remove trusted device roots. */
  | 'manageTrustRoots'
  /** Revoke a device for the whole platform (the signed revocation list). */
  | 'revokeDevices'
  /** Change which devices a provider admits (roots, minimum security level). */
  | 'manageDeviceAdmission'
  /** See and manage admin users. */
  | 'manageUsers'
  /** Change a provider's display name, disable and enable it. */
  | 'manageProviders'
  /** Get a test token (a bearer secret for a content's keys) and play a stream with it. */
  | 'tryPlayback';

const RULES: Record<Capability, readonly Role[]> = {
  read: ['ADMIN', 'OPERATOR', 'AUDITOR'],
  write: ['ADMIN', 'OPERATOR'],
  manageCredentials: ['ADMIN'],
  manageTrustRoots: ['ADMIN'],
  revokeDevices: ['ADMIN'],
  manageDeviceAdmission: ['ADMIN'],
  manageUsers: ['ADMIN'],
  manageProviders: ['ADMIN'],
  tryPlayback: ['ADMIN'],
};

export function isRole(value: unknown): value is Role {
  return value === 'ADMIN' || value === 'OPERATOR' || value === 'AUDITOR';
}

/** Whether a user with this role may do it; an unknown role may do nothing. */
export function can(role: string | null | undefined, capability: Capability): boolean {
  return isRole(role) && RULES[capability].includes(role);
}
