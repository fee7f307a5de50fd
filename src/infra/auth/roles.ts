import type { Role } from '../../contract/index.js';

/**
 * Who is asking. Roles: viewer (reads the registry, statistics and public items), analyst (+ restricted items,
 * uploads), custodian (+ records custody events), admin (+ accounts and grants). Sealed items are visible only
 * to a role that may read restricted items AND holds a grant for that item: being admin is not enough.
 */
export interface Principal {
  readonly userId: string | null;
  readonly name: string;
  readonly role: Role | 'anonymous';
  readonly via: 'session' | 'token' | 'anonymous';
}

export const ANONYMOUS: Principal = { userId: null, name: 'anonymous', role: 'anonymous', via: 'anonymous' };

const RANK: Record<Principal['role'], number> = {
  anonymous: 0,
  viewer: 1,
  analyst: 2,
  custodian: 3,
  admin: 4,
};

export const atLeast = (p: Principal, role: Role): boolean => RANK[p.role] >= RANK[role];

export const capabilities = (p: Principal) => ({
  readRestricted: atLeast(p, 'analyst'),
  upload: atLeast(p, 'analyst'),
  recordCustody: atLeast(p, 'custodian'),
  administer: atLeast(p, 'admin'),
});

/** What the evidence queries may return to this principal. */
export interface ReadScope {
  readonly userId: string | null;
  readonly restricted: boolean;
}
export const scopeOf = (p: Principal): ReadScope => ({ userId: p.userId, restricted: atLeast(p, 'analyst') });
