import { salvoError, SalvoFailure, type ErrorCode } from '../kernel/index.js';

/** Expected failures of the evidence locker, each with a stable code and a message that says what to do. */
const fail = (code: ErrorCode, message: string, field?: string): SalvoFailure =>
  new SalvoFailure(salvoError(code, message, field ? [{ field, reason: message }] : undefined));

export const unknownActor = (actor: string): SalvoFailure =>
  fail(
    'NOT_FOUND',
    `unknown actor '${actor}': no key in the registry (create one with: salvo key create --actor '${actor}')`,
    '--actor',
  );

export const noPrivateKey = (actor: string, keyId: string, where: string): SalvoFailure =>
  fail(
    'FORBIDDEN',
    `cannot sign as '${actor}': the private key ${keyId} is not in ${where} (this machine does not hold it)`,
    '--actor',
  );

export const unknownItem = (id: string, field = 'item'): SalvoFailure =>
  fail('NOT_FOUND', `no evidence item '${id}' in the store (see: salvo evidence list)`, field);

export const unknownIncident = (id: string): SalvoFailure =>
  fail(
    'NOT_FOUND',
    `no incident '${id}' in the store: import it first (salvo import incidents FILE), then add evidence to it`,
    '--incident',
  );

export const invalid = (field: string, reason: string): SalvoFailure =>
  fail('INVALID_INPUT', `${field}: ${reason}`, field);

export const conflict = (message: string): SalvoFailure => fail('CONFLICT', message);
