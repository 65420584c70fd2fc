import { describe, expect, it } from 'vitest';
import { REDACTED, decodeLicense } from './licenseDecoder';

const b64url = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('decodeLicense', () => {
  it('shows header and claims, with every key block replaced', () => {
    const jwe = 'eyJhbGciOiJFQ0RILUVTK0ExMjhLVyJ9.a2V5.aXY.Y2lwaGVy.dGFn';
    const license = [
      b64url({ alg: 'ES256', kid: 'sig-1' }),
      b64url({ lid: 'L1', cid: 'movie', keys: [{ kid: 'k1', k: 'c2VjcmV0' }], key_block: jwe, policy: { can_play: true }, other: jwe }),
      'c2ln',
    ].join('.');

    const decoded = decodeLicense(license);

    expect(decoded.header).toEqual({ alg: 'ES256', kid: 'sig-1' });
    expect(decoded.claims).toEqual({ lid: 'L1', cid: 'movie', keys: REDACTED, key_block: REDACTED, policy: { can_play: true }, other: REDACTED });
    expect(JSON.stringify(decoded)).not.toContain('c2VjcmV0');
    expect(JSON.stringify(decoded)).not.toContain('Y2lwaGVy');
  });

  it('says why something is not a license', () => {
    expect(() => decodeLicense('abc')).toThrow(/compact JWS/);
    expect(() => decodeLicense('a.b.c')).toThrow(/base64url-encoded JSON/);
  });
});
