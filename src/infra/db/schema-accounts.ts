/** Kysely types of the team server's account tables (migration 0007_accounts). */
export interface UsersTable {
  id: string;
  name: string;
  /** viewer | analyst | custodian | admin */
  role: string;
  /** scrypt$N$r$p$salt$hash (base64); null when the user signs in with tokens only. */
  password_hash: string | null;
  disabled: number;
  created_at: string;
}

/** A bearer token: `salvo_<id>_<secret>`; only the SHA-256 of the secret is stored. */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  label: string;
  secret_hash: string;
  created_at: string;
  expires_at: string | null;
  revoked: number;
}

/** A web session; `id` is the SHA-256 of the cookie's secret, `csrf_hash` that of the CSRF token. */
export interface WebSessionsTable {
  id: string;
  user_id: string;
  csrf_hash: string;
  created_at: string;
  expires_at: string;
}

/** Who may see a sealed item (besides nobody). */
export interface EvidenceGrantsTable {
  user_id: string;
  item_id: string;
  granted_by: string;
  granted_at: string;
  reason: string;
}

/** Every read of a restricted or sealed item. */
export interface AccessLogTable {
  id: string;
  at: string;
  user_id: string | null;
  user_name: string;
  item_id: string;
  sensitivity: string;
  action: string;
}

export interface AccountTables {
  users: UsersTable;
  api_tokens: ApiTokensTable;
  web_sessions: WebSessionsTable;
  evidence_grants: EvidenceGrantsTable;
  access_log: AccessLogTable;
}
