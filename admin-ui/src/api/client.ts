// The one way the console talks to the API: a typed client generated from docs/openapi.json
// (`npm run generate` writes ./schema.d.ts), plus what every call needs — the CSRF header on
// writes, RFC 9457 problem documents turned into ApiProblem, and "signed out" on any 401.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/** The cookie the server keeps the CSRF token in, and the header writes must echo it in. */
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'X-XSRF-TOKEN';

export const SESSION_PATH = '/api/v1/admin/session';

/** One field's complaint in a validation problem (`errors` of the problem document). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An RFC 9457 problem document as the API writes it: always a stable `code`. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a problem document out of a parsed error body; anything else gives null. */
export function asProblem(body: unknown): Problem | null {
  if (!isRecord(body)) return null;
  if (typeof body.code !== 'string' && typeof body.detail !== 'string' && typeof body.title !== 'string') return null;
  const errors = Array.isArray(body.errors)
    ? body.errors.filter(
        (e): e is FieldProblem => isRecord(e) && typeof e.field === 'string' && typeof e.message === 'string',
      )
    : undefined;
  return { ...body, errors } as Problem;
}

/** A call that failed: an answer with an error status (with its problem, when it sent one), or no answer at all. */
export class ApiProblem extends Error {
  readonly status: number | null;
  readonly code: string | null;
  readonly problem: Problem | null;

  constructor(status: number | null, problem: Problem | null, cause?: unknown) {
    super(describeProblem(status, problem), cause === undefined ? undefined : { cause });
    this.name = 'ApiProblem';
    this.status = status;
    this.code = problem?.code ?? null;
    this.problem = problem;
  }

  /** Per-field messages, keyed by the API's field name (e.g. `content_key_specs[0].security_level`). */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { field, message } of this.problem?.errors ?? []) {
      out[field] = out[field] ? `${out[field]}; ${message}` : message;
    }
    return out;
  }
}

function describeProblem(status: number | null, problem: Problem | null): string {
  if (problem?.detail) return problem.detail;
  if (status === null) return 'No response from the server. Check the connection and try again.';
  if (problem?.title) return problem.title;
  return `The server answered HTTP ${status}.`;
}

/** A human sentence for any error a call may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiProblem) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

/** The value of one cookie, or null. */
export function readCookie(name: string, cookies: string = globalThis.document?.cookie ?? ''): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      return decodeURIComponent(part.slice(eq + 1).trim());
    }
  }
  return null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called whenever an API call answers 401 (the session ended): the console then shows the sign-in page. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface ClientOptions {
  /** The fetch to use; tests pass a fake. */
  fetch?: (request: Request) => Promise<Response>;
  /** Where the API is: the page's own origin (the server that serves the console). */
  baseUrl?: string;
  /** Where the CSRF cookie is read from; tests pass a fixed string. */
  cookies?: () => string;
}

/** Middleware shared by every client: the CSRF header on writes, and 401 → sign-in. */
export function consoleMiddleware(cookies: () => string): Middleware {
  return {
    onRequest({ request }) {
      if (!SAFE_METHODS.has(request.method.toUpperCase())) {
        const token = readCookie(CSRF_COOKIE, cookies());
        if (token) request.headers.set(CSRF_HEADER, token);
      }
      // JSON unless the call asks for another type (the revocation list is a JWS).
      if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json, application/problem+json');
      return request;
    },
    onResponse({ request, response }) {
      // Signing in with a wrong password is a 401 too, but it is the sign-in page's own answer.
      const path = new URL(request.url).pathname;
      if (response.status === 401 && path !== SESSION_PATH) {
        unauthorizedListeners.forEach((listener) => listener());
      }
      return response;
    },
  };
}

function defaultBaseUrl(): string {
  return globalThis.location?.origin ?? '';
}

export function createTypedClient<P extends {}>(options: ClientOptions = {}): Client<P> {
  const fetchFn = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const client = createClient<P>({ baseUrl: options.baseUrl ?? defaultBaseUrl(), fetch: fetchFn });
  client.use(consoleMiddleware(options.cookies ?? (() => globalThis.document?.cookie ?? '')));
  return client;
}

export type Api = Client<paths>;

export function createApi(options: ClientOptions = {}): Api {
  return createTypedClient<paths>(options);
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Waits for a call and gives its data, or throws an {@link ApiProblem}: with the problem
 * document for an error status, with status null when no answer came.
 */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiProblem(null, null, e);
  }
  if (!result.response.ok) {
    throw new ApiProblem(result.response.status, asProblem(result.error));
  }
  return result.data as T;
}

/** The page metadata every list answers with. */
export type PageMetadata = Schemas['PageMetadata'];

/** A page of a list, as every list endpoint answers. */
export interface PageOf<T> {
  items?: T[];
  page?: PageMetadata;
}
