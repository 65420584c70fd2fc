// Endpoints whose contract is fixed but which are not yet in docs/openapi.json, written the
// way openapi-typescript writes them. Once the description carries them, this file goes and
// the pages use the generated types.
import type { Client } from 'openapi-fetch';
import type { components } from './schema';

type S = components['schemas'];

export interface DashboardCount {
  bucket_start?: string;
  count?: number;
}

export interface DashboardLicenseCount extends DashboardCount {
  status?: string;
}

export interface Dashboard {
  from?: string;
  to?: string;
  bucket_seconds?: number;
  totals?: {
    providers?: number;
    active_registrations?: number;
    devices?: number;
    revoked_devices?: number;
    device_groups?: number;
    licenses_issued?: number;
    licenses_refused?: number;
  };
  license_requests?: DashboardLicenseCount[];
  registrations?: DashboardCount[];
  pregeneration?: {
    backlog?: number;
    jobs_queued?: number;
    jobs_running?: number;
    generated?: DashboardCount[];
  };
}

export interface IssuedLicense {
  id?: string;
  license_id?: string;
  license_counter?: number;
  content_id?: string;
  device_fingerprint?: string;
  license_type?: string;
  request_type?: string;
  policy_name?: string;
  policy_revision?: number;
  can_renew?: boolean;
  key_ids?: string[];
  issued_at?: string;
  expires_at?: string;
  policy?: Record<string, unknown>;
}

export interface RegistrationCertificate {
  subject?: string;
  issuer?: string;
  serial_number?: string;
  not_before?: string;
  not_after?: string;
  key_algorithm?: string;
}

export type RegistrationWithCertificate = S['Registration'] & { certificate?: RegistrationCertificate };

interface Page<T> {
  items?: T[];
  page?: S['PageMetadata'];
}

type Ok<T> = { 200: { headers: { [name: string]: unknown }; content: { '*/*': T } } };
type Get<Q, T> = {
  parameters: { query?: Q; header?: never; path?: never; cookie?: never };
  get: { parameters: { query?: Q; header?: never; path?: never; cookie?: never }; requestBody?: never; responses: Ok<T> };
  put?: never;
  post?: never;
  delete?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
};

export interface UpcomingPaths {
  '/api/v1/admin/dashboard': Get<{ hours?: number; provider?: string }, Dashboard>;
  '/api/v1/jobs': Get<{ status?: string; kind?: string; page?: number; size?: number }, Page<S['Job']>>;
  '/api/v1/licenses': Get<
    { content_id?: string; device?: string; license_id?: string; page?: number; size?: number; sort?: string; provider?: string },
    Page<IssuedLicense>
  >;
  '/api/v1/registrations': Get<
    { page?: number; size?: number; sort?: string; status?: string; fingerprint?: string; q?: string; provider?: string },
    Page<RegistrationWithCertificate>
  >;
}

export type UpcomingApi = Client<UpcomingPaths>;
