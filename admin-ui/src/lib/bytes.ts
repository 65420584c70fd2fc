// Key ids and key bytes as operators paste them: 32 hex digits (as packagers print them) or
// base64 / base64url of 16 bytes (as the API takes them).

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary);
}

/** Decodes base64 or base64url (padding optional); null when it is not that. */
export function decodeBase64(text: string): Uint8Array | null {
  const clean = text.trim().replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.replace(/=+$/, '').length % 4 === 1) return null;
  const padded = clean.replace(/=+$/, '') + '='.repeat((4 - (clean.replace(/=+$/, '').length % 4)) % 4);
  try {
    const binary = atob(padded);
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** 16 bytes given as 32 hex digits or as base64: their base64, as the API takes it; null when neither. */
export function parse16Bytes(text: string): string | null {
  // Hex may come grouped (UUID form, colons, spaces); 32 hex digits are never 16 bytes of base64.
  const hex = text.trim().replace(/[\s:-]/g, '');
  if (/^[0-9a-fA-F]{32}$/.test(hex)) {
    const bytes = new Uint8Array(16);
    for (let i = 0; i < 16; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    return bytesToBase64(bytes);
  }
  const bytes = decodeBase64(text);
  return bytes && bytes.length === 16 ? bytesToBase64(bytes) : null;
}
