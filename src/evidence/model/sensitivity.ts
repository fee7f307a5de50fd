/**
 * Who may later see an item: `public` (may be published), `restricted` (the team and named partners),
 * `sealed` (court or source protection: only by order). Stored on every item; access control enforces it.
 */
export const SENSITIVITIES = ['public', 'restricted', 'sealed'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

export const isSensitivity = (s: string): s is Sensitivity =>
  (SENSITIVITIES as readonly string[]).includes(s);

/** The more restrictive of two levels (a derived copy is never less protected than its parent). */
export const stricter = (a: Sensitivity, b: Sensitivity): Sensitivity =>
  SENSITIVITIES.indexOf(a) >= SENSITIVITIES.indexOf(b) ? a : b;
