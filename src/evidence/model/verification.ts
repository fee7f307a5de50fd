/** The Berkeley Protocol's three strands of verification. */
export const STRANDS = ['source', 'technical', 'content'] as const;
export type Strand = (typeof STRANDS)[number];
export const isStrand = (s: string): s is Strand => (STRANDS as readonly string[]).includes(s);

export const CONCLUSIONS = ['verified', 'inconclusive', 'refuted'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];
export const isConclusion = (s: string): s is Conclusion => (CONCLUSIONS as readonly string[]).includes(s);

/** One strand's analysis of one item, signed off by its reviewer with a `reviewed` custody event. */
export interface VerificationRecord {
  readonly item: string;
  readonly strand: Strand;
  readonly conclusion: Conclusion;
  readonly notes: string;
  readonly reviewer: string;
  readonly at: string;
  /** Log index of the sign-off event. */
  readonly event: number;
}
