/** The join key for names: lower case, no diacritics or apostrophes, single spaces, ASCII hyphens. */
export function nameKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ʼ'’`]/g, '')
    .replace(/[‐-―]/g, '-')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits the Air Force's " and "-joined lists, dropping empty parts ("A and and B"). */
export function splitAnd(text: string): string[] {
  return text
    .split(/\s+and\s+(?:and\s+)*|^and\s+/i)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
