import { describe, expect, it } from 'vitest';
import { generatePassword, parseOrigin, parseOrigins, parseWhole, pemCertificateProblem, tokenKeyRequest, validateNewUser } from './validation';

describe('CORS origins', () => {
  it('writes origins as browsers send them: lower case, no default port', () => {
    expect(parseOrigin('https://Player.Example.com')).toEqual({ origin: 'https://player.example.com' });
    expect(parseOrigin('https://player.example.com:443')).toEqual({ origin: 'https://player.example.com' });
    expect(parseOrigin('http://localhost:3000')).toEqual({ origin: 'http://localhost:3000' });
    expect(parseOrigin(' http://[::1]:8080 ')).toEqual({ origin: 'http://[::1]:8080' });
  });

  it('refuses paths, wildcards, other schemes, user info and bad ports, with the server wording', () => {
    expect(parseOrigin('https://example.com/')).toEqual({ error: 'must be a scheme, a host and an optional port: no path, query, fragment or user' });
    expect(parseOrigin('https://*.example.com')).toEqual({ error: 'must name one origin; wildcards are not accepted' });
    expect(parseOrigin('ftp://example.com')).toEqual({ error: 'must start with https:// or http://' });
    expect(parseOrigin('example.com')).toEqual({ error: 'must start with https:// or http://' });
    expect(parseOrigin('https://user@example.com')).toHaveProperty('error');
    expect(parseOrigin('https://example.com:70000')).toEqual({ error: 'has an invalid port' });
    expect(parseOrigin('https://exa_mple.com')).toEqual({ error: 'must have a valid host name (punycode for IDNs)' });
  });

  it('reads one origin a line, skipping blanks and duplicates, and names the bad lines', () => {
    expect(parseOrigins('https://a.example\n\nhttps://A.example:443\nhttp://b.example:8080\n')).toEqual({
      origins: ['https://a.example', 'http://b.example:8080'],
      errors: [],
    });
    const bad = parseOrigins('https://a.example\nhttps://b.example/x');
    expect(bad.errors).toEqual([{ line: 2, text: 'https://b.example/x', error: expect.stringContaining('no path') }]);
  });
});

describe('trust root PEM', () => {
  const body = 'MIIB'.padEnd(120, 'A');
  it('accepts one certificate block', () => {
    expect(pemCertificateProblem(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`)).toBeNull();
  });
  it('refuses nothing, a chain, a key, or a truncated body', () => {
    expect(pemCertificateProblem('  ')).toBe('is required');
    const block = `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`;
    expect(pemCertificateProblem(`${block}\n${block}`)).toBe('must hold one certificate, the root');
    expect(pemCertificateProblem('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----')).toContain('must be a PEM certificate');
    expect(pemCertificateProblem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toBe('is not a complete base64 certificate');
  });
});

describe('new users', () => {
  it('checks username, role and the one-time password length as the server does', () => {
    expect(validateNewUser({ username: 'ops.anna@example', role: 'OPERATOR', initial_password: 'twelve chars' })).toEqual({});
    expect(validateNewUser({ username: 'anna smith', role: 'ROOT', initial_password: 'short' })).toEqual({
      username: 'must be 1-100 characters of letters, digits and . _ @ -',
      role: 'must be ADMIN, OPERATOR or AUDITOR',
      initial_password: 'must be at least 12 characters',
    });
  });

  it('generates passwords of the alphabet only, uniformly (bytes past the last full cycle are skipped)', () => {
    // 255 is rejected (past 4 * 57 = 228), then 0 → 'A', 57 → 'A', 1 → 'B', 2 → 'C'.
    const random = (bytes: Uint8Array) => {
      bytes.set([255, 0, 57, 1, 2, 3, 4, 5]);
      return bytes;
    };
    expect(generatePassword(4, random)).toBe('AABC');
    const real = generatePassword();
    expect(real).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
    expect(generatePassword()).not.toBe(real);
  });
});

describe('entitlement-token keys', () => {
  it('asks nothing more for HS256 and keeps an optional key id', () => {
    expect(tokenKeyRequest({ algorithm: 'HS256', kid: '', public_key: '' })).toEqual({ request: { algorithm: 'HS256' } });
    expect(tokenKeyRequest({ algorithm: 'HS256', kid: ' backend-2027 ', public_key: '' })).toEqual({ request: { algorithm: 'HS256', kid: 'backend-2027' } });
    expect(tokenKeyRequest({ algorithm: 'HS256', kid: 'no spaces', public_key: '' })).toEqual({ errors: { kid: 'must be 1-64 characters of A-Z a-z 0-9 . _ -' } });
  });

  it('takes an ES256 public key as PEM or JWK and refuses private keys', () => {
    const pem = '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----';
    expect(tokenKeyRequest({ algorithm: 'ES256', kid: '', public_key: pem })).toEqual({ request: { algorithm: 'ES256', public_key_pem: pem } });
    const jwk = { kty: 'EC', crv: 'P-256', x: 'xx', y: 'yy' };
    expect(tokenKeyRequest({ algorithm: 'ES256', kid: '', public_key: JSON.stringify(jwk) })).toEqual({ request: { algorithm: 'ES256', public_key_jwk: jwk } });
    expect(tokenKeyRequest({ algorithm: 'ES256', kid: '', public_key: JSON.stringify({ ...jwk, d: 'secret' }) })).toEqual({
      errors: { public_key: 'is a private key: give the public key only' },
    });
    expect(tokenKeyRequest({ algorithm: 'ES256', kid: '', public_key: '-----BEGIN PRIVATE KEY-----\nAA\n-----END PRIVATE KEY-----' })).toEqual({
      errors: { public_key: 'is a private key: give the public key only' },
    });
    expect(tokenKeyRequest({ algorithm: 'ES256', kid: '', public_key: '' })).toEqual({ errors: { public_key: 'ES256 needs the public key, as PEM or as a JWK' } });
    expect(tokenKeyRequest({ algorithm: 'ES256', kid: '', public_key: '{"kty":"RSA"}' })).toEqual({ errors: { public_key: 'must be an EC P-256 JWK with x and y' } });
  });
});

describe('whole numbers', () => {
  it('accepts digits within the bounds only', () => {
    expect(parseWhole(' 900 ', 1, 604800)).toBe(900);
    expect(parseWhole('0', 1, 10)).toBeNull();
    expect(parseWhole('1.5', 1, 10)).toBeNull();
    expect(parseWhole('11', 1, 10)).toBeNull();
  });
});
