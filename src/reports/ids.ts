import type { ReportHasher } from './ports.js';

/**
 * A name-based UUID (RFC 9562 version 8, from SHA-256 of the name) as an Atom id: permanent for a given name,
 * so an entry keeps its id when it is updated.
 */
export function urnUuid(hasher: ReportHasher, name: string): string {
  const h = hasher.sha256Hex(name);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A hashtag body from a label: letters and digits only ("Iskander-M/KN-23" -> "IskanderMKN23"). */
export const tagOf = (label: string): string => label.normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '');
