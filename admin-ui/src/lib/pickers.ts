// The searches behind the console's pickers: the first matches of a list, searched on the
// server (`q`), as options of a SearchPicker. Each names the record by what the API takes
// (a generated ID, a group id, a content id, a provider name) and shows what people know it by.
import { unwrap, type Api } from '../api/client';
import type { PickerOption } from '../components/SearchPicker';
import { formatInstant } from './format';

/** How many matches a picker shows: enough to choose from, few enough to read. */
export const PICKER_SIZE = 20;

type Search = (text: string, signal: AbortSignal) => Promise<PickerOption[]>;

const q = (text: string) => (text ? { q: text } : {});

/** A provider's active registrations, newest first: by generated ID or fingerprint prefix, make or model. */
export function searchRegistrations(api: Api, provider: string): Search {
  return async (text, signal) => {
    const page = await unwrap(
      api.GET('/api/v1/registrations', { params: { query: { provider, status: 'ACTIVE', page: 0, size: PICKER_SIZE, ...q(text) } }, signal }),
    );
    return (page.items ?? []).map((r) => ({
      value: r.generated_id ?? '',
      label: r.generated_id ?? '',
      detail: [[r.make, r.model].filter(Boolean).join(' ') || 'Unknown device', `level ${r.security_level ?? '?'}`, `registered ${formatInstant(r.registered_at)}`].join(' · '),
    }));
  };
}

/** A provider's live device groups: by name, or group id prefix. */
export function searchGroups(api: Api, provider: string): Search {
  return async (text, signal) => {
    const page = await unwrap(api.GET('/api/v1/device-groups', { params: { query: { provider, page: 0, size: PICKER_SIZE, ...q(text) } }, signal }));
    return (page.items ?? []).map((g) => ({
      value: g.group_id ?? '',
      label: g.name ?? g.group_id ?? '',
      detail: `${g.group_id} · ${g.active_members ?? 0} of at most ${g.max_members ?? '?'} members`,
    }));
  };
}

/** A provider's content: by part of its id or name. */
export function searchContents(api: Api, provider: string): Search {
  return async (text, signal) => {
    const page = await unwrap(
      api.GET('/api/v1/contents', { params: { query: { provider, page: 0, size: PICKER_SIZE, sort: 'content_id,asc', ...q(text) } }, signal }),
    );
    return (page.items ?? []).map((c) => ({ value: c.content_id ?? '', label: c.content_id ?? '', detail: c.name ?? undefined }));
  };
}

/** Providers: by part of their name or display name. */
export function searchProviders(api: Api): Search {
  return async (text, signal) => {
    const page = await unwrap(api.GET('/api/v1/admin/providers', { params: { query: { page: 0, size: PICKER_SIZE, sort: 'name,asc', ...q(text) } }, signal }));
    return (page.items ?? []).map((p) => ({ value: p.name ?? '', label: p.name ?? '', detail: p.display_name ?? undefined }));
  };
}
