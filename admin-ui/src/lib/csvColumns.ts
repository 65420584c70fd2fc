// The CSV columns of each list: the API's fields in full, by their API names, so that a file
// reads the same whichever page it came from and scripts can rely on its header.
import type { Schemas } from '../api/client';
import type { CsvColumn } from './csv';

/** One column per API field, headed by the field's name. */
export function fieldColumns<T>(fields: readonly (keyof T & string)[]): CsvColumn<T>[] {
  return fields.map((field) => ({ header: field, value: (row: T) => row[field] }));
}

export const REGISTRATION_CSV = fieldColumns<Schemas['Registration']>([
  'generated_id',
  'fingerprint',
  'make',
  'model',
  'security_level',
  'max_hdcp',
  'status',
  'registered_at',
  'ended_at',
  'superseded_by',
]);

export const ENTITLEMENT_CSV = fieldColumns<Schemas['Entitlement']>([
  'id',
  'generated_id',
  'group_id',
  'content_id',
  'policy_name',
  'license_type',
  'policy_overrides',
  'use_policy_overrides_exclusively',
  'created_at',
  'withdrawn_at',
]);

export const POLICY_CSV = fieldColumns<Schemas['Policy']>([
  'name',
  'revision',
  'can_play',
  'can_persist',
  'can_renew',
  'renew_with_usage',
  'license_duration_seconds',
  'rental_duration_seconds',
  'playback_duration_seconds',
  'renewal_delay_seconds',
  'renewal_retry_interval_seconds',
  'renewal_recovery_duration_seconds',
  'renewal_server_url',
  'content_key_specs',
  'created_at',
  'updated_at',
]);

export const CONTENT_CSV: CsvColumn<Schemas['Content']>[] = [
  ...fieldColumns<Schemas['Content']>(['content_id', 'name', 'created_at']),
  { header: 'keys', value: (c) => (c.keys ?? []).map((k) => `${k.track_type}:${k.key_id}`).join(' ') },
];

export const PROVIDER_CSV = fieldColumns<Schemas['Provider']>(['name', 'display_name', 'created_at']);

export const JOB_CSV = fieldColumns<Schemas['Job']>([
  'id',
  'kind',
  'scope',
  'subject',
  'status',
  'total',
  'done',
  'failed',
  'attempts',
  'message',
  'created_at',
  'started_at',
  'finished_at',
]);
