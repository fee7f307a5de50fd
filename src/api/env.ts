import type { Logger } from 'pino';
import type { Principal } from '../infra/auth/roles.js';

/** Per-request values set by the middleware. */
export interface AppEnv {
  Variables: {
    principal: Principal;
    requestId: string;
    log: Logger;
    /** The session's CSRF token, when the request came with a session cookie whose token can be re-derived. */
    csrfToken?: string;
  };
}
