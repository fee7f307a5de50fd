/** Number and text formatting shared by the statements and the renderers (locale-independent). */

/** Metres as km with 2 decimals below 10 km, 1 above; metres below 1 km. */
export function distance(m: number): string {
  if (m < 1000) return `${Math.round(m)} m`;
  return `${(m / 1000).toFixed(m < 10_000 ? 2 : 1)} km`;
}

/** "49.5901° N, 34.5500° E". */
export function latLon(lat: number, lon: number, decimals = 4): string {
  return `${Math.abs(lat).toFixed(decimals)}° ${lat >= 0 ? 'N' : 'S'}, ${Math.abs(lon).toFixed(decimals)}° ${lon >= 0 ? 'E' : 'W'}`;
}

export function ellipseText(e: { semiMajorM: number; semiMinorM: number; orientationDeg?: number }): string {
  const axes = `${distance(e.semiMajorM)} × ${distance(e.semiMinorM)}`;
  return e.orientationDeg === undefined ? axes : `${axes}, major axis at ${e.orientationDeg.toFixed(0)}°`;
}

/** "2024-01-23 03:19:59 UTC" from an ISO instant. */
export function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function pValue(p: number): string {
  if (p >= 0.01) return p.toFixed(2);
  return p.toExponential(1);
}

export function percent(x: number, decimals = 1): string {
  return `${(100 * x).toFixed(decimals)} %`;
}

/** "1.2 MB", "340 kB", "12 B". */
export function bytes(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} kB`;
  return `${n} B`;
}

/** A list as English text: "a", "a and b", "a, b and c". */
export function listText(xs: readonly string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** "E1–E3, E7" from exhibit refs. */
export function refsText(refs: readonly string[]): string {
  return refs.join(', ');
}

/** Escapes text for HTML and XML element content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

/** Escapes Markdown's inline specials in running text (table cells also escape the pipe). */
export function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>|])/g, '\\$1').replace(/\r?\n/g, ' ');
}

/** A URL safe inside a Markdown link destination: characters that end or break it are percent-encoded. */
export function mdUrl(url: string): string {
  return url.replace(/[<>()\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Only http(s) URLs become links (a `javascript:` or `data:` URL from imported data stays text). */
export const isWebUrl = (url: string): boolean => /^https?:\/\/[^\s]+$/i.test(url);
