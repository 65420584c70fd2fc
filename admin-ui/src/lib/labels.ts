// One name per API field, for every page: a policy field reads the same in the policy form,
// the policy list, the entitlement overrides and in the server's error messages.

/** The license template's policy fields (and the rest of a policy), as people call them. */
export const POLICY_FIELD_LABELS = {
  name: 'Name',
  can_play: 'Playback allowed',
  can_persist: 'May be stored for offline use',
  can_renew: 'May be renewed',
  renew_with_usage: 'Renew when playback starts',
  license_duration_seconds: 'License duration',
  rental_duration_seconds: 'Rental duration',
  playback_duration_seconds: 'Playback duration',
  renewal_delay_seconds: 'Renewal delay',
  renewal_retry_interval_seconds: 'Renewal retry interval',
  renewal_recovery_duration_seconds: 'Renewal recovery duration',
  renewal_server_url: 'Renewal server URL',
  content_key_specs: 'Per-track requirements',
  track_type: 'Track type',
  security_level: 'Security level',
  required_output_protection: 'Output protection (HDCP)',
  hdcp: 'Output protection (HDCP)',
} as const;

/** Short column headings for the same fields in lists, where the full label does not fit. */
export const POLICY_FIELD_SHORT_LABELS: Partial<Record<keyof typeof POLICY_FIELD_LABELS, string>> = {
  can_play: 'Playback',
  can_persist: 'Offline',
  can_renew: 'Renewable',
  license_duration_seconds: 'License duration',
};

/** Every other field the console sends, by its API name. */
export const FIELD_LABELS: Record<string, string> = {
  ...POLICY_FIELD_LABELS,
  generated_id: 'Generated ID',
  group_id: 'Group',
  content_id: 'Content id',
  policy_name: 'Policy',
  policy_overrides: 'Overrides',
  use_policy_overrides_exclusively: 'Overrides alone',
  license_type: 'License type',
  display_name: 'Display name',
  username: 'Username',
  role: 'Role',
  initial_password: 'One-time password',
  current_password: 'Current password',
  new_password: 'New password',
  label: 'Label',
  key_export: 'Key export',
  grace_seconds: 'Grace period',
  max_members: 'Most members',
  certificate_pem: 'Root certificate',
  keys: 'Keys',
  key: 'Key',
  key_id: 'Key id',
  kid: 'Key id',
  algorithm: 'Algorithm',
  public_key: 'Public key',
  public_key_pem: 'Public key',
  public_key_jwk: 'Public key',
  origins: 'Allowed origins',
  minimum_security_level: 'Minimum security level',
  trusted_root_ids: 'Trusted roots',
  reason: 'Reason',
  fingerprint: 'Device fingerprint',
};

function sentenceCase(name: string): string {
  const text = name.replace(/_/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * An API field path in words: `license_duration_seconds` → "License duration",
 * `policy_overrides.can_persist` → "May be stored for offline use (override)",
 * `content_key_specs[1].security_level` → "Track 2: Security level", `keys[0].key` → "Key 1: Key".
 * An unknown field is at least not shouted: `some_field` → "Some field".
 */
export function fieldLabel(path: string): string {
  const overrides = /^policy_overrides\.(.+)$/.exec(path);
  if (overrides) return `${fieldLabel(overrides[1]!)} (override)`;
  const indexed = /^([a-z_]+)\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (indexed) {
    const [, list, index, rest] = indexed;
    const item = list === 'content_key_specs' || list === 'keys' ? (list === 'keys' ? 'Key' : 'Track') : FIELD_LABELS[list!] ?? sentenceCase(list!);
    const head = `${item} ${Number(index) + 1}`;
    return rest ? `${head}: ${fieldLabel(rest)}` : head;
  }
  return FIELD_LABELS[path] ?? sentenceCase(path.split('.').pop() ?? path);
}

/** One field problem as a sentence: "License duration: must not be negative." */
export function fieldProblem(path: string, message: string): string {
  const text = message.trim().replace(/\.$/, '');
  return `${fieldLabel(path)}: ${text}.`;
}

/**
 * A message with the API's field names put in words: the server says "is only allowed when
 * can_renew is true"; the console says "is only allowed when “May be renewed” is true".
 */
export function inWords(message: string): string {
  return message.replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (name) => (FIELD_LABELS[name] ? `“${FIELD_LABELS[name]}”` : name));
}
