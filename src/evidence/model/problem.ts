/** One thing `verify` found wrong: which item and which event (log index) it concerns, and what differs. */
export interface IntegrityProblem {
  readonly item: string | null;
  readonly event: number | null;
  readonly what: string;
}

export const problem = (item: string | null, event: number | null, what: string): IntegrityProblem => ({
  item,
  event,
  what,
});
