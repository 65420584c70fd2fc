import { describe, expect, it } from 'vitest';
import { emptyEntitlementForm, entitlementRequest, overridesOf, validateEntitlement } from './entitlementForm';

const ID = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('the grant form', () => {
  it('starts for a group when only a group is given, else for a device', () => {
    expect(emptyEntitlementForm({ group_id: 'g1' }).target).toBe('group');
    expect(emptyEntitlementForm({ generated_id: ID }).target).toBe('device');
  });

  it('needs a generated ID (or a group), a content, and a policy or an override', () => {
    const form = emptyEntitlementForm();
    expect(validateEntitlement(form)).toEqual({
      generated_id: 'must be a generated ID: 22-64 base64url characters',
      content_id: 'is required',
      policy_name: 'choose a policy, or set at least one override below',
    });
    expect(validateEntitlement({ ...form, target: 'group', content_id: 'movie 1', policy_name: 'rental' })).toEqual({
      group_id: 'is required',
      content_id: 'must be 1-200 characters of letters, digits and . _ : ~ + = @ -',
    });
    expect(validateEntitlement({ ...form, generated_id: ID, content_id: 'movie', policy_name: 'rental' })).toEqual({});
  });

  it('checks overrides with the policy rules and keys errors by the API field names', () => {
    const form = { ...emptyEntitlementForm({ generated_id: ID, content_id: 'movie' }), policy_name: 'rental' };
    form.durations = { ...form.durations, license_duration_seconds: '-1', rental_duration_seconds: 'soon' };
    form.renewal_server_url = 'ftp://renew';
    expect(validateEntitlement(form)).toEqual({
      'policy_overrides.license_duration_seconds': 'must not be negative',
      'policy_overrides.rental_duration_seconds': 'must be a number',
      'policy_overrides.renewal_server_url': 'must be an absolute http or https URL',
    });
  });

  it('sends only the overrides that were set, so blank ones keep the policy value', () => {
    const form = { ...emptyEntitlementForm({ generated_id: ` ${ID} `, content_id: 'movie' }), policy_name: 'rental' };
    expect(overridesOf(form)).toBeNull();
    expect(entitlementRequest(form)).toEqual({ generated_id: ID, content_id: 'movie', policy_name: 'rental', license_type: 'OFFLINE', use_policy_overrides_exclusively: false });
    form.flags = { ...form.flags, can_persist: 'false' };
    form.durations = { ...form.durations, license_duration_seconds: '7200' };
    expect(entitlementRequest(form)).toEqual({
      generated_id: ID,
      content_id: 'movie',
      policy_name: 'rental',
      license_type: 'OFFLINE',
      policy_overrides: { can_persist: false, license_duration_seconds: 7200 },
      use_policy_overrides_exclusively: false,
    });
  });

  it('allows overrides alone, but not "alone" without any override', () => {
    const form = { ...emptyEntitlementForm({ generated_id: ID, content_id: 'movie' }), use_policy_overrides_exclusively: true };
    expect(validateEntitlement(form)).toEqual({
      policy_name: 'choose a policy, or set at least one override below',
      use_policy_overrides_exclusively: 'needs at least one override',
    });
    form.flags = { ...form.flags, can_play: 'true' };
    expect(validateEntitlement(form)).toEqual({});
    expect(entitlementRequest({ ...form, target: 'group', group_id: 'g1' })).toEqual({
      group_id: 'g1',
      content_id: 'movie',
      license_type: 'OFFLINE',
      policy_overrides: { can_play: true },
      use_policy_overrides_exclusively: true,
    });
  });
});
