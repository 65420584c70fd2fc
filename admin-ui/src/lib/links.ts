// Where in the console a thing the API names is shown: an audit event's target (a request
// path), a job's scope, a device fingerprint. Paths are under /admin, with the provider kept
// as `?provider=` wherever the page shows one provider's data.

/** A console path for a provider's page; `provider` null leaves the parameter out. */
export function providerPath(path: string, provider: string | null | undefined, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (provider) params.set('provider', provider);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

const enc = encodeURIComponent;

function segment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The registrations of a device: the list searched by its fingerprint. */
export function fingerprintPath(fingerprint: string, provider: string | null | undefined): string {
  return providerPath('/registrations', provider, { q: fingerprint });
}

/**
 * The console page of what an audit event's target names (its request path), or null when
 * the console has no page for it. Query strings and trailing actions (`/keys`, `/transfer`)
 * lead to the record they act on.
 */
export function auditTargetPath(target: string | null | undefined, provider: string | null | undefined): string | null {
  if (!target) return null;
  const path = target.split('?')[0]!.replace(/\/+$/, '');
  const parts = path.split('/').filter(Boolean).map(segment);
  if (parts[0] !== 'api' || parts[1] !== 'v1') return null;
  const [kind, id, sub] = parts.slice(2);
  if (kind === 'admin') {
    const [adminKind, adminId] = parts.slice(3);
    switch (adminKind) {
      case 'providers':
        return adminId ? providerPath(`/providers/${enc(adminId)}`, adminId) : '/providers';
      case 'users':
        return '/users';
      case 'trust-roots':
        return '/trust-roots';
      case 'device-revocations':
        return '/revocations';
      case 'audit-events':
        return adminId && /^\d+$/.test(adminId) ? `/audit/${adminId}` : '/audit';
      case 'bundle-exports':
        return '/jobs';
      default:
        return null;
    }
  }
  const scoped = (route: string) => (id ? providerPath(`/${route}/${enc(id)}`, provider) : providerPath(`/${route}`, provider));
  switch (kind) {
    case 'entitlements':
      return scoped('entitlements');
    case 'contents':
      return scoped('contents');
    case 'policies':
      return scoped('policies');
    case 'registrations':
      return scoped('registrations');
    case 'device-groups':
      return scoped('groups');
    case 'jobs':
      return id ? providerPath(`/jobs/${enc(id)}`, provider) : providerPath('/jobs', provider);
    case 'devices':
      if (id === 'blocks' || !id) return providerPath('/registrations', provider);
      return sub === 'revoke' ? fingerprintPath(id, provider) : null;
    case 'licenses':
      return providerPath('/licenses', provider);
    case 'cors-origins':
    case 'device-admission':
    case 'entitlement-token-keys':
      return providerPath('/settings', provider);
    default:
      return null;
  }
}

/** What a job works on, as the console shows it: a label and, when there is one, the record's page. */
export function jobScopeLink(scope: string | null | undefined, provider: string | null | undefined): { label: string; path: string | null } {
  if (!scope) return { label: '—', path: null };
  const colon = scope.indexOf(':');
  const kind = colon < 0 ? scope : scope.slice(0, colon);
  const value = colon < 0 ? '' : scope.slice(colon + 1);
  switch (kind) {
    case 'content':
      return { label: `content ${value}`, path: providerPath(`/contents/${enc(value)}`, provider) };
    case 'policy':
      return { label: `policy ${value}`, path: providerPath(`/policies/${enc(value)}`, provider) };
    case 'generated-id':
      return { label: `device ${value}`, path: providerPath(`/registrations/${enc(value)}`, provider) };
    case 'group-id':
      return { label: `group ${value}`, path: providerPath(`/groups/${enc(value)}`, provider) };
    default:
      return { label: scope, path: null };
  }
}
