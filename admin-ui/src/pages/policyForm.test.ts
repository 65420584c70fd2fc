import { describe, expect, it } from 'vitest';
import { MAX_DURATION_SECONDS, emptyPolicyForm, formToRequest, policyToForm, serverErrorsToForm, validatePolicy, type PolicyForm } from './policyForm';

const form = (change: Partial<PolicyForm> = {}, durations: Partial<PolicyForm['durations']> = {}): PolicyForm => {
  const base = emptyPolicyForm();
  return { ...base, name: 'rental', ...change, durations: { ...base.durations, ...durations } };
};

describe('validatePolicy', () => {
  it('accepts the defaults with a name', () => {
    expect(validatePolicy(form(), true)).toEqual({});
  });

  it('requires a well-formed name when creating', () => {
    expect(validatePolicy(form({ name: '' }), true).name).toMatch(/1-100 characters/);
    expect(validatePolicy(form({ name: '-x' }), true).name).toBeDefined();
    expect(validatePolicy(form({ name: 'rental.v2_b-c' }), true).name).toBeUndefined();
  });

  it('refuses negative, too long and non-numeric durations with the server wording', () => {
    const errors = validatePolicy(form({}, { license_duration_seconds: '-5', rental_duration_seconds: String(MAX_DURATION_SECONDS + 1), playback_duration_seconds: '1.5' }), true);
    expect(errors.license_duration_seconds).toBe('must not be negative');
    expect(errors.rental_duration_seconds).toBe(`must be at most ${MAX_DURATION_SECONDS} (100 years)`);
    expect(errors.playback_duration_seconds).toBe('must be a number');
  });

  it('allows renewal fields only with can_renew', () => {
    const errors = validatePolicy(form({ renewal_server_url: 'https://r.example/renew', renew_with_usage: true }, { renewal_delay_seconds: '60' }), true);
    expect(errors.renewal_server_url).toBe('is only allowed when “May be renewed” is on');
    expect(errors.renew_with_usage).toBe('is only allowed when “May be renewed” is on');
    expect(errors.renewal_delay_seconds).toBe('is only allowed when “May be renewed” is on');
    expect(validatePolicy(form({ can_renew: true, renewal_server_url: 'https://r.example/renew', renew_with_usage: true }, { renewal_delay_seconds: '60' }), true)).toEqual({});
  });

  it('wants an absolute http(s) renewal URL', () => {
    expect(validatePolicy(form({ can_renew: true, renewal_server_url: 'ftp://x/renew' }), true).renewal_server_url).toBe('must be an absolute http or https URL');
    expect(validatePolicy(form({ can_renew: true, renewal_server_url: '/renew' }), true).renewal_server_url).toBe('must be an absolute http or https URL');
  });

  it('refuses a first renewal after the license has expired', () => {
    const errors = validatePolicy(form({ can_renew: true }, { license_duration_seconds: '60', renewal_delay_seconds: '120' }), true);
    expect(errors.renewal_delay_seconds).toMatch(/must not exceed the license duration/);
    expect(validatePolicy(form({ can_renew: true }, { license_duration_seconds: '0', renewal_delay_seconds: '120' }), true)).toEqual({});
  });

  it('checks track requirements per row', () => {
    const errors = validatePolicy(
      form({
        content_key_specs: [
          { track_type: 'HD', security_level: '3', hdcp: 'HDCP_V1' },
          { track_type: 'HD', security_level: '6', hdcp: 'HDCP_NONE' },
          { track_type: '', security_level: '1', hdcp: 'HDCP_NONE' },
        ],
      }),
      true,
    );
    expect(errors).toEqual({
      'content_key_specs[1].track_type': 'names HD twice',
      'content_key_specs[1].security_level': 'must be 1 to 5',
      'content_key_specs[2].track_type': 'is required',
    });
  });
});

describe('formToRequest and policyToForm', () => {
  it('sends every field, and reads a stored policy back into the same form', () => {
    const original = form({ can_renew: true, renewal_server_url: ' https://r.example/renew ', content_key_specs: [{ track_type: 'UHD1', security_level: '5', hdcp: 'HDCP_V2' }] }, { license_duration_seconds: '172800', renewal_delay_seconds: '3600' });
    const request = formToRequest(original);
    expect(request).toMatchObject({
      name: 'rental',
      can_play: true,
      can_renew: true,
      license_duration_seconds: 172800,
      renewal_delay_seconds: 3600,
      rental_duration_seconds: 0,
      renewal_server_url: 'https://r.example/renew',
      content_key_specs: [{ track_type: 'UHD1', security_level: 5, required_output_protection: { hdcp: 'HDCP_V2' } }],
    });
    const back = policyToForm({ ...request, name: request.name ?? '', content_key_specs: request.content_key_specs ?? [], revision: 1, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' });
    expect(back.durations.license_duration_seconds).toBe('172800');
    expect(back.content_key_specs).toEqual([{ track_type: 'UHD1', security_level: '5', hdcp: 'HDCP_V2' }]);
  });

  it('maps the server name violation onto the name field', () => {
    expect(serverErrorsToForm({ policy_name: 'bad', license_duration_seconds: 'neg' })).toEqual({ name: 'bad', license_duration_seconds: 'neg' });
  });
});
