// The two calls the status page makes, with the shapes of their answers. They run before
// sign-in, so they use plain fetch rather than the typed client, but fail the same way:
// with an ApiProblem.
import { ApiProblem, asProblem } from './client';

// URLs are root-relative, so the console works wherever license-api is served (and through the
// dev server's proxy): never a host name.

export const PLATFORM_PATH = '/api/v1/platform';
export const HEALTH_PATH = '/actuator/health';

/** How the platform reaches its database: its own embedded PostgreSQL, or a configured one. */
export type DatabaseMode = 'EMBEDDED' | 'EXTERNAL';

/**
 * `database` in `GET /api/v1/platform`. Field names are snake_case, as everywhere in the API.
 * No connection details: the platform answers anyone, so it keeps host, port and URL to its log.
 */
export interface DatabaseInfo {
  mode: DatabaseMode | (string & {});
  product: string;
  product_version: string;
}

/** `GET /api/v1/platform`. */
export interface PlatformInfo {
  name: string;
  version: string;
  database: DatabaseInfo;
}

/** `GET /actuator/health`: UP, DOWN, OUT_OF_SERVICE, UNKNOWN or a custom status. */
export interface HealthInfo {
  status: string;
}

export type Fetch = typeof fetch;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isPlatformInfo(value: unknown): value is PlatformInfo {
  if (!isRecord(value) || typeof value.name !== 'string' || typeof value.version !== 'string') {
    return false;
  }
  const db = value.database;
  return (
    isRecord(db) &&
    typeof db.mode === 'string' &&
    typeof db.product === 'string' &&
    typeof db.product_version === 'string'
  );
}

export function isHealthInfo(value: unknown): value is HealthInfo {
  return isRecord(value) && typeof value.status === 'string';
}

async function get(path: string, fetchFn: Fetch, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetchFn(path, { headers: { Accept: 'application/json' }, signal });
  } catch (e) {
    if (signal?.aborted) {
      throw e;
    }
    throw new ApiProblem(null, { detail: `No response from ${path}.` }, e);
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** An error status: the problem the server sent, said as "HTTP 502 from /api/v1/platform." */
function failed(path: string, status: number, body: unknown): ApiProblem {
  return new ApiProblem(status, { ...asProblem(body), status, detail: `HTTP ${status} from ${path}.` });
}

/** A response that is not what the API promises (an HTML page from a proxy, say). */
function malformed(path: string, status: number): ApiProblem {
  return new ApiProblem(status, { status, code: MALFORMED, detail: `Unexpected answer from ${path} (HTTP ${status}).` });
}

/** The `code` of the problem for an answer of the wrong shape (set by the console, never sent by the server). */
export const MALFORMED = 'CONSOLE_MALFORMED_RESPONSE';

/** `GET /api/v1/platform`: any non-2xx answer or a body of the wrong shape is an {@link ApiProblem}. */
export async function fetchPlatform(fetchFn: Fetch = fetch, signal?: AbortSignal): Promise<PlatformInfo> {
  const response = await get(PLATFORM_PATH, fetchFn, signal);
  const body = await readJson(response);
  if (!response.ok) {
    throw failed(PLATFORM_PATH, response.status, body);
  }
  if (!isPlatformInfo(body)) {
    throw malformed(PLATFORM_PATH, response.status);
  }
  return body;
}

/**
 * `GET /actuator/health`. Actuator answers DOWN with HTTP 503 and still sends `{"status":"DOWN"}`:
 * a body with a status is the answer, whatever the HTTP status. Only an answer without one is an error.
 */
export async function fetchHealth(fetchFn: Fetch = fetch, signal?: AbortSignal): Promise<HealthInfo> {
  const response = await get(HEALTH_PATH, fetchFn, signal);
  const body = await readJson(response);
  if (isHealthInfo(body)) {
    return { status: body.status };
  }
  throw response.ok ? malformed(HEALTH_PATH, response.status) : failed(HEALTH_PATH, response.status, body);
}
