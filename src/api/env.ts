import type { Logger } from 'pino';
import type { Principal } from '../infra/auth/roles.js';

/** Per-request values set by the middleware. */
export interface AppEnv {
  Variables: {
    principal: Principal;
    requestId: string;
    log: Logger;
  };
}
