import { describe, expect, it } from 'vitest';
import { can } from '../auth/permissions';
import { describeFailure, licenseRequestFilter, manifestUrlProblem, playbackFailure, playerConfig } from './tryIt';

/** A Shaka 6007 wrapping the 1001 that the networking engine throws for an HTTP error, as Shaka 5 builds them. */
function licenseFailure(status: number, body: string) {
  const http = { severity: 1, category: 1, code: 1001, data: ['http://localhost/api/v1/clearkey/license', status, body, {}, 2, undefined] };
  return { severity: 2, category: 6, code: 6007, data: [http] };
}

describe('try-it player', () => {
  it('reads Voucher’s problem code out of a failed license request', () => {
    const failure = playbackFailure(
      licenseFailure(
        403,
        JSON.stringify({ type: 'https://voucher.io/problems/entitlement-token-rejected', code: 'ENTITLEMENT_TOKEN_REJECTED', reason: 'BAD_SIGNATURE', detail: 'The entitlement token’s signature does not verify' }),
      ),
    );
    expect(failure).toEqual({
      shakaCode: 6007,
      code: 'ENTITLEMENT_TOKEN_REJECTED',
      reason: 'BAD_SIGNATURE',
      detail: 'The entitlement token’s signature does not verify',
      status: 403,
    });
    expect(describeFailure(failure)).toBe('Voucher refused the entitlement token. (BAD_SIGNATURE: its signature does not verify) — ENTITLEMENT_TOKEN_REJECTED, HTTP 403');
  });

  it('puts codes in words, and falls back to the status or Shaka’s code', () => {
    expect(describeFailure(playbackFailure(licenseFailure(403, JSON.stringify({ code: 'CLEAR_KEY_DISABLED' }))))).toContain('Clear Key is switched off');
    expect(describeFailure(playbackFailure(licenseFailure(502, '<html>bad gateway</html>')))).toBe('The license server answered HTTP 502 without a problem document.');
    expect(describeFailure(playbackFailure({ code: 4000, data: [] }))).toContain('Shaka error 4000');
    expect(describeFailure(playbackFailure('not an error'))).toBe('The player failed.');
    const unknown = playbackFailure(licenseFailure(409, JSON.stringify({ code: 'SOMETHING_NEW', detail: 'A new refusal' })));
    expect(describeFailure(unknown)).toBe('A new refusal — SOMETHING_NEW, HTTP 409');
  });

  it('adds the token to license requests only', () => {
    const filter = licenseRequestFilter({ token: 'eyJ.token.sig', header: 'X-Voucher-Entitlement', clear_key_url: '/api/v1/clearkey/license' }, 2);
    const license = { headers: {} as Record<string, string> };
    const segment = { headers: {} as Record<string, string> };
    filter(2, license);
    filter(1, segment);
    expect(license.headers).toEqual({ 'X-Voucher-Entitlement': 'eyJ.token.sig' });
    expect(segment.headers).toEqual({});
  });

  it('points Shaka’s Clear Key server at this server’s endpoint', () => {
    expect(playerConfig('/api/v1/clearkey/license', 'https://voucher.example.com')).toEqual({
      drm: { servers: { 'org.w3.clearkey': 'https://voucher.example.com/api/v1/clearkey/license' } },
    });
  });

  it('takes http(s) manifest URLs only', () => {
    expect(manifestUrlProblem('https://cdn.example.com/a/manifest.mpd')).toBeNull();
    expect(manifestUrlProblem('/media/manifest.mpd')).toBeNull();
    expect(manifestUrlProblem('  ')).toContain('Enter the URL');
    expect(manifestUrlProblem('javascript:alert(1)')).toBe('Only http and https manifests play here.');
    expect(manifestUrlProblem('file:///etc/passwd')).toBe('Only http and https manifests play here.');
  });

  it('is for ADMINs only, as the server’s test-token rule', () => {
    expect(can('ADMIN', 'tryPlayback')).toBe(true);
    expect(can('OPERATOR', 'tryPlayback')).toBe(false);
    expect(can('AUDITOR', 'tryPlayback')).toBe(false);
  });
});
