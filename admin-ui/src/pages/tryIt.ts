// The try-it player's logic, kept apart from React and from Shaka Player so that it is tested
// on its own: which manifest URLs it plays, how Shaka is configured for Voucher's Clear Key
// endpoint, and how a Shaka error becomes a sentence that names Voucher's problem code.

/** Shaka's error code for a license request that failed (LICENSE_REQUEST_FAILED). */
export const LICENSE_REQUEST_FAILED = 6007;

/** Shaka's error code for an HTTP answer with an error status (BAD_HTTP_STATUS). */
export const BAD_HTTP_STATUS = 1001;

/** What the test-token operation answers, as far as the player needs it. */
export interface TestToken {
  token: string;
  clear_key_url: string;
  header: string;
  expires_at?: string;
}

/** Checks the manifest URL field: an absolute http(s) URL, or a path on this server. Null when fine. */
export function manifestUrlProblem(value: string): string | null {
  const url = value.trim();
  if (!url) return 'Enter the URL of a DASH (.mpd) or HLS (.m3u8) manifest.';
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://console.invalid');
  } catch {
    return 'Not a URL.';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'Only http and https manifests play here.';
  return null;
}

/** The Shaka configuration: Voucher's Clear Key endpoint as the license server for org.w3.clearkey. */
export function playerConfig(clearKeyUrl: string, origin: string) {
  return {
    drm: {
      servers: { 'org.w3.clearkey': new URL(clearKeyUrl, origin).toString() },
    },
  };
}

/** The part of a Shaka network request the license filter touches. */
export interface LicenseRequest {
  headers: Record<string, string>;
}

/**
 * Adds the test token to license requests (Shaka's request type LICENSE = 2) only: manifests and
 * segments may come from another origin, which must never see the token.
 */
export function licenseRequestFilter(token: TestToken, licenseType: number) {
  return (type: number, request: LicenseRequest) => {
    if (type === licenseType) {
      request.headers[token.header] = token.token;
    }
  };
}

/** A Shaka error as far as the page reads it (`shaka.util.Error`: code and data). */
export interface ShakaErrorLike {
  code?: number;
  data?: unknown[];
}

/** What went wrong in player terms, with Voucher's answer when the license server refused. */
export interface PlaybackFailure {
  shakaCode: number | null;
  /** Voucher's stable problem code, when Voucher answered the license request with a problem. */
  code: string | null;
  /** Voucher's problem `reason` (for ENTITLEMENT_TOKEN_REJECTED). */
  reason: string | null;
  /** Voucher's problem detail, when it sent one. */
  detail: string | null;
  status: number | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a Shaka error: for LICENSE_REQUEST_FAILED, Shaka wraps the HTTP error (BAD_HTTP_STATUS), whose
 * data holds [uri, status, responseText, …]; the response text is Voucher's problem document.
 */
export function playbackFailure(error: unknown): PlaybackFailure {
  const failure: PlaybackFailure = { shakaCode: null, code: null, reason: null, detail: null, status: null };
  if (!isRecord(error)) return failure;
  const shaka = error as ShakaErrorLike;
  failure.shakaCode = typeof shaka.code === 'number' ? shaka.code : null;
  const http = findHttpError(shaka, 0);
  if (http) {
    const [, status, text] = http.data ?? [];
    failure.status = typeof status === 'number' ? status : null;
    if (typeof text === 'string') {
      try {
        const problem: unknown = JSON.parse(text);
        if (isRecord(problem)) {
          failure.code = typeof problem.code === 'string' ? problem.code : null;
          failure.reason = typeof problem.reason === 'string' ? problem.reason : null;
          failure.detail = typeof problem.detail === 'string' ? problem.detail : null;
        }
      } catch {
        // Not a problem document: the status is all there is.
      }
    }
  }
  return failure;
}

function findHttpError(error: ShakaErrorLike, depth: number): ShakaErrorLike | null {
  if (error.code === BAD_HTTP_STATUS) return error;
  if (depth > 3) return null;
  for (const item of error.data ?? []) {
    if (isRecord(item) && typeof item.code === 'number') {
      const found = findHttpError(item as ShakaErrorLike, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

const CODE_WORDS: Record<string, string> = {
  CLEAR_KEY_TOKEN_MISSING: 'The license request carried no entitlement token.',
  ENTITLEMENT_TOKEN_REJECTED: 'Voucher refused the entitlement token.',
  ENTITLEMENT_TOKEN_REPLAYED: 'The entitlement token was used before.',
  CLEAR_KEY_DISABLED: 'Clear Key is switched off for this provider: switch it on in Provider settings (device admission).',
  CLEAR_KEY_PLAYBACK_NOT_ALLOWED: 'The policy does not allow playback (can_play is false, or the policy is gone).',
  CLEAR_KEY_PERSISTENCE_NOT_ALLOWED: 'The player asked for a persistent license and the policy does not allow persistence.',
  CLEAR_KEY_NO_KEYS_GRANTED: 'Every key the stream needs was withheld (track types or security levels of the policy).',
  INVALID_CLEAR_KEY_REQUEST: 'The player sent a license request Voucher could not read.',
  RATE_LIMITED: 'Too many license requests: wait a moment and try again.',
};

const REASON_WORDS: Record<string, string> = {
  EXPIRED: 'it has expired; get a new test token',
  BAD_SIGNATURE: 'its signature does not verify',
  UNKNOWN_KEY: 'its signing key is unknown (deleted?)',
  UNKNOWN_ISSUER: 'its issuer is not a provider',
  CONTENT_NOT_ENTITLED: 'the stream’s keys are not keys of the content it grants',
  DEVICE_MISMATCH: 'it names a device, and Clear Key players have none',
  MALFORMED: 'it is not a token',
  WRONG_AUDIENCE: 'it is for another server',
};

/** A sentence for the operator: Voucher's code in words, and the code itself. */
export function describeFailure(failure: PlaybackFailure): string {
  if (failure.code) {
    const words = CODE_WORDS[failure.code] ?? failure.detail ?? 'Voucher refused the license request.';
    const reason = failure.reason ? ` (${failure.reason}: ${REASON_WORDS[failure.reason] ?? 'see the detail'})` : '';
    return `${words}${reason} — ${failure.code}${failure.status ? `, HTTP ${failure.status}` : ''}`;
  }
  if (failure.status) return `The license server answered HTTP ${failure.status} without a problem document.`;
  if (failure.shakaCode !== null) {
    return `The player failed with Shaka error ${failure.shakaCode} (see shaka-player.github.io/docs, shaka.util.Error).`;
  }
  return 'The player failed.';
}
