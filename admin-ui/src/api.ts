// The two calls the status page makes, with the shapes of their answers.
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

/** A call that produced no usable answer. `status` is the HTTP status, or null when no response came. */
export class ApiError extends Error {
  readonly path: string;
  readonly status: number | null;
  /** True when a response came but its body was not what the API promises. */
  readonly malformed: boolean;

  constructor(path: string, status: number | null, malformed = false, cause?: unknown) {
    super(
      malformed
        ? `Unexpected response from ${path} (HTTP ${status})`
        : status === null
          ? `No response from ${path}`
          : `HTTP ${status} from ${path}`,
      cause === undefined ? undefined : { cause },
    );
    this.name = 'ApiError';
    this.path = path;
    this.status = status;
    this.malformed = malformed;
  }
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
    throw new ApiError(path, null, false, e);
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** `GET /api/v1/platform`: any non-2xx answer or a body of the wrong shape is an {@link ApiError}. */
export async function fetchPlatform(fetchFn: Fetch = fetch, signal?: AbortSignal): Promise<PlatformInfo> {
  const response = await get(PLATFORM_PATH, fetchFn, signal);
  if (!response.ok) {
    throw new ApiError(PLATFORM_PATH, response.status);
  }
  const body = await readJson(response);
  if (!isPlatformInfo(body)) {
    throw new ApiError(PLATFORM_PATH, response.status, true);
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
  throw new ApiError(HEALTH_PATH, response.status, response.ok);
}
