// Checks the console runs before sending, with the server's wording, so that most mistakes
// show inline. The server stays the judge: its field errors are shown the same way.

/** A browser origin as an operator may write it, in the serialized form the server stores ("https://player.example.com:8443"); or the reason it is not one. */
export function parseOrigin(text: string): { origin: string } | { error: string } {
  const value = text.trim();
  if (!value || value.length > 200) return { error: 'must be 1-200 characters' };
  if (value.includes('*')) return { error: 'must name one origin; wildcards are not accepted' };
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#@]*)(.*)$/.exec(value);
  if (!match) return { error: 'must start with https:// or http://' };
  const scheme = match[1]!.toLowerCase();
  if (scheme !== 'https' && scheme !== 'http') return { error: 'must start with https:// or http://' };
  if (match[3] || value.includes('@')) return { error: 'must be a scheme, a host and an optional port: no path, query, fragment or user' };
  const hostPort = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/.exec(match[2]!);
  if (!hostPort) return { error: 'must have a valid host name (punycode for IDNs)' };
  const host = hostPort[1]!.toLowerCase();
  if (!host.startsWith('[') && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host)) {
    return { error: 'must have a valid host name (punycode for IDNs)' };
  }
  const port = hostPort[2] === undefined ? null : Number(hostPort[2]);
  if (port !== null && (port < 1 || port > 65535)) return { error: 'has an invalid port' };
  const isDefault = port === null || (scheme === 'https' && port === 443) || (scheme === 'http' && port === 80);
  return { origin: `${scheme}://${host}${isDefault ? '' : `:${port}`}` };
}

/** One origin a line (blank lines ignored): the origins to store, or the errors by line number (from 1). */
export function parseOrigins(text: string): { origins: string[]; errors: { line: number; text: string; error: string }[] } {
  const origins: string[] = [];
  const errors: { line: number; text: string; error: string }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (!raw.trim()) return;
    const parsed = parseOrigin(raw);
    if ('error' in parsed) errors.push({ line: index + 1, text: raw.trim(), error: parsed.error });
    else if (!origins.includes(parsed.origin)) origins.push(parsed.origin);
  });
  return { origins, errors };
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----\s*([A-Za-z0-9+/=\s]+?)\s*-----END CERTIFICATE-----/g;

/** Why a text is not one PEM certificate, or null when it looks like one (the server parses it for real). */
export function pemCertificateProblem(text: string): string | null {
  const value = text.trim();
  if (!value) return 'is required';
  const blocks = [...value.matchAll(PEM_CERTIFICATE)];
  if (blocks.length === 0) return 'must be a PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)';
  if (blocks.length > 1) return 'must hold one certificate, the root';
  const body = blocks[0]![1]!.replace(/\s/g, '');
  if (body.length < 100 || body.replace(/=+$/, '').length % 4 === 1) return 'is not a complete base64 certificate';
  return null;
}

const USERNAME = /^[A-Za-z0-9._@-]{1,100}$/;
export const MIN_PASSWORD_LENGTH = 12;
export const ROLES = ['ADMIN', 'OPERATOR', 'AUDITOR'] as const;

/** A new console user, checked as the server checks it; messages by the API's field names. */
export function validateNewUser(form: { username: string; role: string; initial_password: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!USERNAME.test(form.username)) errors.username = 'must be 1-100 characters of letters, digits and . _ @ -';
  if (!(ROLES as readonly string[]).includes(form.role)) errors.role = 'must be ADMIN, OPERATOR or AUDITOR';
  if (form.initial_password.length < MIN_PASSWORD_LENGTH) errors.initial_password = `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  return errors;
}

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random one-time password of letters and digits (no look-alikes), from the browser's CSPRNG. */
export function generatePassword(length = 20, random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const out: string[] = [];
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % PASSWORD_ALPHABET.length);
  while (out.length < length) {
    for (const byte of random(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out.push(PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length]!);
    }
  }
  return out.join('');
}

const KID = /^[A-Za-z0-9._-]{1,64}$/;

export interface TokenKeyForm {
  algorithm: 'HS256' | 'ES256';
  kid: string;
  /** ES256: a PEM public key or a JWK as JSON. */
  public_key: string;
}

/** The request for a new entitlement-token key, or the errors by field. */
export function tokenKeyRequest(form: TokenKeyForm):
  | { request: { algorithm: TokenKeyForm['algorithm']; kid?: string; public_key_pem?: string; public_key_jwk?: Record<string, unknown> } }
  | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const kid = form.kid.trim();
  if (kid && !KID.test(kid)) errors.kid = 'must be 1-64 characters of A-Z a-z 0-9 . _ -';
  const request: { algorithm: TokenKeyForm['algorithm']; kid?: string; public_key_pem?: string; public_key_jwk?: Record<string, unknown> } = { algorithm: form.algorithm };
  if (kid) request.kid = kid;
  if (form.algorithm === 'ES256') {
    const key = form.public_key.trim();
    if (!key) errors.public_key = 'ES256 needs the public key, as PEM or as a JWK';
    else if (key.startsWith('{')) {
      try {
        const jwk = JSON.parse(key) as unknown;
        if (!jwk || typeof jwk !== 'object' || Array.isArray(jwk)) throw new Error();
        const { kty, crv, x, y, d } = jwk as Record<string, unknown>;
        if (d !== undefined) errors.public_key = 'is a private key: give the public key only';
        else if (kty !== 'EC' || crv !== 'P-256' || typeof x !== 'string' || typeof y !== 'string') errors.public_key = 'must be an EC P-256 JWK with x and y';
        else request.public_key_jwk = jwk as Record<string, unknown>;
      } catch {
        errors.public_key = 'is not valid JSON';
      }
    } else if (/-----BEGIN (EC )?PRIVATE KEY-----/.test(key)) {
      errors.public_key = 'is a private key: give the public key only';
    } else if (!/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----$/.test(key)) {
      errors.public_key = 'must be a PEM public key (BEGIN PUBLIC KEY) or a JWK';
    } else {
      request.public_key_pem = key;
    }
  }
  return Object.keys(errors).length ? { errors } : { request };
}

/** A whole number in [min, max] from a text box, or null. */
export function parseWhole(text: string, min: number, max: number): number | null {
  const value = text.trim();
  if (!/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}
