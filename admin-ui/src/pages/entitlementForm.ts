// The grant form's model: a device (generated ID) or a device group, a content, a stored
// policy and/or per-entitlement overrides. An override left blank keeps the policy's value.
import type { Schemas } from '../api/client';
import { DURATION_FIELDS, MAX_DURATION_SECONDS, MAX_URL_LENGTH, type DurationField } from './policyForm';

export type EntitlementRequest = Schemas['EntitlementRequest'];
export type PolicyOverrides = Schemas['PolicyOverrides'];

export const GENERATED_ID = /^[A-Za-z0-9_-]{22,64}$/;
export const CONTENT_ID = /^[A-Za-z0-9._:~+=@-]{1,200}$/;
export const LICENSE_TYPES = ['OFFLINE', 'STREAMING'] as const;

export const FLAG_FIELDS = ['can_play', 'can_persist', 'can_renew', 'renew_with_usage'] as const;
export type FlagField = (typeof FLAG_FIELDS)[number];
/** A flag override: '' keeps the policy's value. */
export type Tristate = '' | 'true' | 'false';

export interface EntitlementForm {
  target: 'device' | 'group';
  generated_id: string;
  group_id: string;
  content_id: string;
  policy_name: string;
  license_type: (typeof LICENSE_TYPES)[number];
  flags: Record<FlagField, Tristate>;
  /** Seconds as typed; '' keeps the policy's value. */
  durations: Record<DurationField, string>;
  renewal_server_url: string;
  use_policy_overrides_exclusively: boolean;
}

export function emptyEntitlementForm(initial: Partial<Pick<EntitlementForm, 'generated_id' | 'group_id' | 'content_id'>> = {}): EntitlementForm {
  return {
    target: initial.group_id && !initial.generated_id ? 'group' : 'device',
    generated_id: initial.generated_id ?? '',
    group_id: initial.group_id ?? '',
    content_id: initial.content_id ?? '',
    policy_name: '',
    license_type: 'OFFLINE',
    flags: { can_play: '', can_persist: '', can_renew: '', renew_with_usage: '' },
    durations: Object.fromEntries(DURATION_FIELDS.map((f) => [f, ''])) as Record<DurationField, string>,
    renewal_server_url: '',
    use_policy_overrides_exclusively: false,
  };
}

/**
 * The overrides the operator set (blank fields left out), or null when none. The server takes
 * an absent field as "as the policy".
 */
export function overridesOf(form: EntitlementForm): PolicyOverrides | null {
  const out: Record<string, unknown> = {};
  for (const flag of FLAG_FIELDS) if (form.flags[flag]) out[flag] = form.flags[flag] === 'true';
  for (const field of DURATION_FIELDS) {
    const text = form.durations[field].trim();
    if (/^\d+$/.test(text)) out[field] = Number(text);
  }
  if (form.renewal_server_url.trim()) out.renewal_server_url = form.renewal_server_url.trim();
  return Object.keys(out).length ? (out as PolicyOverrides) : null;
}

/** Every mistake at once, keyed by the API's field names (`policy_overrides.license_duration_seconds`). */
export function validateEntitlement(form: EntitlementForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (form.target === 'device') {
    if (!GENERATED_ID.test(form.generated_id.trim())) errors.generated_id = 'must be a generated ID: 22-64 base64url characters';
  } else if (!form.group_id.trim()) {
    errors.group_id = 'is required';
  }
  if (!form.content_id.trim()) errors.content_id = 'is required';
  else if (!CONTENT_ID.test(form.content_id.trim())) errors.content_id = 'must be 1-200 characters of letters, digits and . _ : ~ + = @ -';
  for (const field of DURATION_FIELDS) {
    const text = form.durations[field].trim();
    if (!text) continue;
    const key = `policy_overrides.${field}`;
    if (!/^-?\d+$/.test(text)) errors[key] = 'must be a number';
    else if (Number(text) < 0) errors[key] = 'must not be negative';
    else if (Number(text) > MAX_DURATION_SECONDS) errors[key] = `must be at most ${MAX_DURATION_SECONDS} (100 years)`;
  }
  const url = form.renewal_server_url.trim();
  if (url) {
    let ok = false;
    try {
      const parsed = new URL(url);
      ok = (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
    } catch {
      ok = false;
    }
    if (url.length > MAX_URL_LENGTH) errors['policy_overrides.renewal_server_url'] = `must be at most ${MAX_URL_LENGTH} characters`;
    else if (!ok) errors['policy_overrides.renewal_server_url'] = 'must be an absolute http or https URL';
  }
  const overrides = overridesOf(form);
  if (!form.policy_name && !overrides) errors.policy_name = 'choose a policy, or set at least one override below';
  if (form.use_policy_overrides_exclusively && !overrides) {
    errors.use_policy_overrides_exclusively = 'needs at least one override';
  }
  return errors;
}

/** The request body for a valid form. */
export function entitlementRequest(form: EntitlementForm): EntitlementRequest {
  const request: EntitlementRequest = {
    content_id: form.content_id.trim(),
    license_type: form.license_type,
    use_policy_overrides_exclusively: false,
  };
  if (form.target === 'device') request.generated_id = form.generated_id.trim();
  else request.group_id = form.group_id.trim();
  if (form.policy_name) request.policy_name = form.policy_name;
  const overrides = overridesOf(form);
  if (overrides) {
    request.policy_overrides = overrides;
    request.use_policy_overrides_exclusively = form.use_policy_overrides_exclusively;
  }
  return request;
}
