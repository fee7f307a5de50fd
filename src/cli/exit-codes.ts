import type { ErrorCode } from '../kernel/index.js';

/**
 * Exit codes, in one place. 0 success; 1 an unexpected failure (a bug: please report it); 2 invalid input;
 * 3 an integrity check failed (a hash, chain, signature or Merkle root); 4 not found; 5 conflict with what is
 * stored; 6 a numerical method did not converge; 7 forbidden; 8 unsupported; 64 bad command-line usage;
 * 74 an I/O failure (disk, database, network).
 */
export const EXIT = {
  OK: 0,
  BUG: 1,
  INVALID_INPUT: 2,
  INTEGRITY: 3,
  NOT_FOUND: 4,
  CONFLICT: 5,
  NOT_CONVERGED: 6,
  FORBIDDEN: 7,
  UNSUPPORTED: 8,
  USAGE: 64,
  IO: 74,
} as const;

export const exitCodeOf = (code: ErrorCode): number => EXIT[code];
