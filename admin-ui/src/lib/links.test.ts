import { describe, expect, it } from 'vitest';
import { auditTargetPath, fingerprintPath, jobScopeLink, providerPath } from './links';

describe('auditTargetPath', () => {
  it('leads a provider API target to its record, keeping the provider', () => {
    expect(auditTargetPath('/api/v1/entitlements/8d1c', 'acme')).toBe('/entitlements/8d1c?provider=acme');
    expect(auditTargetPath('/api/v1/contents/movie-1/keys', 'acme')).toBe('/contents/movie-1?provider=acme');
    expect(auditTargetPath('/api/v1/policies/rental%2048h', 'acme')).toBe('/policies/rental%2048h?provider=acme');
    expect(auditTargetPath('/api/v1/registrations/Zx8kQ2mN5pR7tV9wY1bC3d/transfer', 'acme')).toBe(
      '/registrations/Zx8kQ2mN5pR7tV9wY1bC3d?provider=acme',
    );
    expect(auditTargetPath('/api/v1/device-groups/g1/members/fp', 'acme')).toBe('/groups/g1?provider=acme');
  });

  it('leads a collection target to its list', () => {
    expect(auditTargetPath('/api/v1/entitlements', 'acme')).toBe('/entitlements?provider=acme');
    expect(auditTargetPath('/api/v1/policies/', null)).toBe('/policies');
  });

  it('leads a device revocation to the registrations of that device', () => {
    expect(auditTargetPath('/api/v1/devices/AbC-_/revoke', 'acme')).toBe('/registrations?q=AbC-_&provider=acme');
  });

  it('leads admin targets to the admin pages', () => {
    expect(auditTargetPath('/api/v1/admin/providers/acme/credentials/abc', null)).toBe('/providers/acme?provider=acme');
    expect(auditTargetPath('/api/v1/admin/users/jo/role', null)).toBe('/users');
    expect(auditTargetPath('/api/v1/admin/trust-roots/x', null)).toBe('/trust-roots');
    expect(auditTargetPath('/api/v1/admin/device-revocations', null)).toBe('/revocations');
  });

  it('has no page for device calls, sign-ins or nothing', () => {
    expect(auditTargetPath('/device/v1/registrations', 'acme')).toBeNull();
    expect(auditTargetPath('/api/v1/admin/session', null)).toBeNull();
    expect(auditTargetPath(null, null)).toBeNull();
    expect(auditTargetPath('', null)).toBeNull();
  });
});

describe('jobScopeLink', () => {
  it('links the record a job works on', () => {
    expect(jobScopeLink('generated-id:Zx8kQ2mN5pR7tV9wY1bC3d', 'acme')).toEqual({
      label: 'device Zx8kQ2mN5pR7tV9wY1bC3d',
      path: '/registrations/Zx8kQ2mN5pR7tV9wY1bC3d?provider=acme',
    });
    expect(jobScopeLink('group-id:g-1', 'acme').path).toBe('/groups/g-1?provider=acme');
    expect(jobScopeLink('content:movie:1', 'acme').path).toBe('/contents/movie%3A1?provider=acme');
    expect(jobScopeLink('policy:rental', null).path).toBe('/policies/rental');
  });

  it('shows other scopes as they are, without a link', () => {
    expect(jobScopeLink('voucher.export.directory', null)).toEqual({ label: 'voucher.export.directory', path: null });
    expect(jobScopeLink('registration:3f1c', 'acme')).toEqual({ label: 'registration:3f1c', path: null });
    expect(jobScopeLink(undefined, 'acme')).toEqual({ label: '—', path: null });
  });
});

describe('providerPath and fingerprintPath', () => {
  it('add the provider after the other parameters', () => {
    expect(providerPath('/jobs', 'acme', { status: 'RUNNING' })).toBe('/jobs?status=RUNNING&provider=acme');
    expect(providerPath('/jobs', null)).toBe('/jobs');
    expect(fingerprintPath('abc', 'acme')).toBe('/registrations?q=abc&provider=acme');
  });
});
