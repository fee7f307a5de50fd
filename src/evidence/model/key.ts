/** A public key in the registry: who holds it and since when (and until when, once replaced or revoked). */
export interface PublicKeyEntry {
  /** `ed25519:` + the first 32 hex digits of SHA-256 over the raw 32-byte public key. */
  readonly id: string;
  readonly actor: string;
  readonly algorithm: 'ed25519';
  /** The raw 32-byte public key, base64. */
  readonly publicKey: string;
  readonly validFrom: string;
  readonly validUntil: string | null;
}

export const keyIdOf = (publicKeySha256Hex: string): string => `ed25519:${publicKeySha256Hex.slice(0, 32)}`;

/** Is the key valid at `at` (ISO 8601 UTC, which sorts in time order)? */
export const keyValidAt = (k: PublicKeyEntry, at: string): boolean =>
  k.validFrom <= at && (k.validUntil === null || at < k.validUntil);

/** Actor names: printable, no control characters, at most 200 characters. */
export const isActorName = (s: string): boolean =>
  s.trim().length > 0 &&
  s.length <= 200 &&
  s === s.trim() &&
  ![...s].some((c) => c.charCodeAt(0) < 32 || c === '\u007f');
