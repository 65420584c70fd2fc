// The policy form's model: every license template field, checked as the server checks it
// (PlaybackPolicy, PolicyName and PolicyRequest in the server code), so that most mistakes
// show inline before anything is sent.
import type { Schemas } from '../api/client';

export type PolicyRequest = Schemas['PolicyRequest'];
export type Policy = Schemas['Policy'];

export const TRACK_TYPES = ['AUDIO', 'SD', 'HD', 'UHD1', 'UHD2'] as const;
export const HDCP_VERSIONS = ['HDCP_NONE', 'HDCP_V1', 'HDCP_V2'] as const;

/** The largest duration the server accepts: 100 years of 366 days. */
export const MAX_DURATION_SECONDS = 100 * 366 * 24 * 3600;
export const MAX_URL_LENGTH = 2048;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const DURATION_FIELDS = [
  'license_duration_seconds',
  'rental_duration_seconds',
  'playback_duration_seconds',
  'renewal_delay_seconds',
  'renewal_retry_interval_seconds',
  'renewal_recovery_duration_seconds',
] as const;
export type DurationField = (typeof DURATION_FIELDS)[number];

export interface TrackSpecForm {
  track_type: string;
  security_level: string;
  hdcp: string;
}

/** What the form holds: numbers as typed (strings), so that "abc" can be told off rather than lost. */
export interface PolicyForm {
  name: string;
  can_play: boolean;
  can_persist: boolean;
  can_renew: boolean;
  renew_with_usage: boolean;
  renewal_server_url: string;
  durations: Record<DurationField, string>;
  content_key_specs: TrackSpecForm[];
}

export function emptyPolicyForm(): PolicyForm {
  return {
    name: '',
    can_play: true,
    can_persist: false,
    can_renew: false,
    renew_with_usage: false,
    renewal_server_url: '',
    durations: Object.fromEntries(DURATION_FIELDS.map((f) => [f, '0'])) as Record<DurationField, string>,
    content_key_specs: [],
  };
}

export function policyToForm(policy: Policy): PolicyForm {
  return {
    name: policy.name ?? '',
    can_play: policy.can_play ?? false,
    can_persist: policy.can_persist ?? false,
    can_renew: policy.can_renew ?? false,
    renew_with_usage: policy.renew_with_usage ?? false,
    renewal_server_url: policy.renewal_server_url ?? '',
    durations: Object.fromEntries(DURATION_FIELDS.map((f) => [f, String(policy[f] ?? 0)])) as Record<DurationField, string>,
    content_key_specs: (policy.content_key_specs ?? []).map((spec) => ({
      track_type: spec.track_type ?? '',
      security_level: String(spec.security_level ?? 1),
      hdcp: spec.required_output_protection?.hdcp ?? 'HDCP_NONE',
    })),
  };
}

/** A whole number of seconds, or null when the text is not one. */
export function parseSeconds(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  if (!/^-?\d+$/.test(trimmed)) return null;
  return Number(trimmed);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Every violation at once, keyed by the API's field names (`content_key_specs[1].track_type`),
 * with the server's wording. `creating` requires a name.
 */
export function validatePolicy(form: PolicyForm, creating: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (creating || form.name) {
    if (!NAME.test(form.name)) {
      errors.name = "must be 1-100 characters of letters, digits, '.', '_' or '-', starting with a letter or digit";
    }
  }
  const seconds: Partial<Record<DurationField, number>> = {};
  for (const field of DURATION_FIELDS) {
    const value = parseSeconds(form.durations[field]);
    if (value === null) errors[field] = 'must be a number';
    else if (value < 0) errors[field] = 'must not be negative';
    else if (value > MAX_DURATION_SECONDS) errors[field] = `must be at most ${MAX_DURATION_SECONDS} (100 years)`;
    else seconds[field] = value;
  }
  const url = form.renewal_server_url.trim();
  if (url) {
    if (url.length > MAX_URL_LENGTH) errors.renewal_server_url = `must be at most ${MAX_URL_LENGTH} characters`;
    else if (!isHttpUrl(url)) errors.renewal_server_url = 'must be an absolute http or https URL';
  }
  if (!form.can_renew) {
    const renewalOnly = 'is only allowed when “May be renewed” is on';
    if (url && !errors.renewal_server_url) errors.renewal_server_url = renewalOnly;
    for (const field of ['renewal_delay_seconds', 'renewal_retry_interval_seconds', 'renewal_recovery_duration_seconds'] as const) {
      if (!errors[field] && seconds[field] !== 0) errors[field] = renewalOnly;
    }
    if (form.renew_with_usage) errors.renew_with_usage = renewalOnly;
  } else {
    const license = seconds.license_duration_seconds ?? 0;
    const delay = seconds.renewal_delay_seconds ?? 0;
    if (license > 0 && delay > license && !errors.renewal_delay_seconds) {
      errors.renewal_delay_seconds = 'must not exceed the license duration, or the license expires before its first renewal';
    }
  }
  const seen = new Set<string>();
  form.content_key_specs.forEach((spec, i) => {
    const prefix = `content_key_specs[${i}]`;
    if (!spec.track_type) errors[`${prefix}.track_type`] = 'is required';
    else if (seen.has(spec.track_type)) errors[`${prefix}.track_type`] = `names ${spec.track_type} twice`;
    seen.add(spec.track_type);
    const level = Number(spec.security_level);
    if (!/^\d+$/.test(spec.security_level) || level < 1 || level > 5) errors[`${prefix}.security_level`] = 'must be 1 to 5';
  });
  return errors;
}

/** The request body for the form: every field, so that what is stored is what is shown. */
export function formToRequest(form: PolicyForm): PolicyRequest {
  const seconds = (field: DurationField) => parseSeconds(form.durations[field]) ?? 0;
  const request: PolicyRequest = {
    name: form.name || undefined,
    can_play: form.can_play,
    can_persist: form.can_persist,
    can_renew: form.can_renew,
    renew_with_usage: form.renew_with_usage,
    license_duration_seconds: seconds('license_duration_seconds'),
    rental_duration_seconds: seconds('rental_duration_seconds'),
    playback_duration_seconds: seconds('playback_duration_seconds'),
    renewal_delay_seconds: seconds('renewal_delay_seconds'),
    renewal_retry_interval_seconds: seconds('renewal_retry_interval_seconds'),
    renewal_recovery_duration_seconds: seconds('renewal_recovery_duration_seconds'),
    content_key_specs: form.content_key_specs.map((spec) => ({
      track_type: spec.track_type as (typeof TRACK_TYPES)[number],
      security_level: Number(spec.security_level),
      required_output_protection: { hdcp: spec.hdcp as (typeof HDCP_VERSIONS)[number] },
    })),
  };
  const url = form.renewal_server_url.trim();
  if (url) request.renewal_server_url = url;
  return request;
}

/**
 * The server's field names → the form's: a stored policy's name is `policy_name` in the
 * server's violations, everything else is the same.
 */
export function serverErrorsToForm(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    out[field === 'policy_name' ? 'name' : field] = message;
  }
  return out;
}
