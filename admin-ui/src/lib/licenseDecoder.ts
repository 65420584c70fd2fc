// Decodes a compact JWS license in the browser to show its header and claims. Key material
// never reaches the screen: JWE key blocks and `keys` are replaced by a placeholder.
import { decodeBase64 } from './bytes';

export const REDACTED = '[key material hidden]';

export interface DecodedLicense {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/** Field names whose values carry keys, wrapped or not. */
const KEY_FIELDS = new Set(['keys', 'key', 'k', 'd', 'encrypted_keys', 'wrapped_keys', 'jwe', 'key_block', 'encrypted_key']);

const COMPACT_JWE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

function decodeSegment(segment: string): unknown {
  const bytes = decodeBase64(segment);
  if (!bytes) throw new Error('not base64url');
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** A copy with key material replaced, at any depth. */
export function redactKeys(value: unknown): unknown {
  if (typeof value === 'string') return COMPACT_JWE.test(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map(redactKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(value)) {
      out[name] = KEY_FIELDS.has(name) ? REDACTED : redactKeys(v);
    }
    return out;
  }
  return value;
}

/** Header and claims of a compact JWS (`header.payload.signature`); throws with a reason when it is not one. */
export function decodeLicense(text: string): DecodedLicense {
  const parts = text.trim().split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) {
    throw new Error('A license is a compact JWS: three base64url parts separated by dots.');
  }
  let header: unknown;
  let claims: unknown;
  try {
    header = decodeSegment(parts[0]!);
    claims = decodeSegment(parts[1]!);
  } catch {
    throw new Error('The header or the claims are not base64url-encoded JSON.');
  }
  if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object') {
    throw new Error('The header and the claims must be JSON objects.');
  }
  return { header: redactKeys(header) as Record<string, unknown>, claims: redactKeys(claims) as Record<string, unknown> };
}
