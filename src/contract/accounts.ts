import { z } from 'zod';
import { Role } from './common.js';

/** User names: what people type; also their actor name in the custody log. */
export const UserName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._@-]*$/u, 'letters, digits, spaces and . _ @ - only')
  .refine((s) => s.trim() === s, 'no outer spaces');

export const Password = z.string().min(12, 'at least 12 characters').max(1024);

export const LoginBody = z
  .strictObject({ user: UserName, password: z.string().min(1).max(1024) })
  .meta({ id: 'Login' });

export const Me = z
  .object({
    user: z.string(),
    role: Role.or(z.literal('anonymous')),
    via: z.enum(['session', 'token', 'anonymous']),
    can: z.object({
      readRestricted: z.boolean(),
      upload: z.boolean(),
      recordCustody: z.boolean(),
      administer: z.boolean(),
    }),
    csrfToken: z.string().optional().meta({
      description:
        "Signed in with the session cookie: the session's CSRF token (send it as X-CSRF-Token), so that a reloaded page need not keep it.",
    }),
  })
  .meta({ id: 'Me' });

export const LoginResult = Me.omit({ csrfToken: true })
  .extend({
    csrfToken: z.string().meta({ description: 'Send as X-CSRF-Token on every state-changing request.' }),
    expiresAt: z.string(),
  })
  .meta({ id: 'LoginResult' });

export const User = z
  .object({ name: z.string(), role: Role, disabled: z.boolean(), createdAt: z.string() })
  .meta({ id: 'User' });
export const UserList = z.object({ items: z.array(User) }).meta({ id: 'UserList' });

export const NewUser = z
  .strictObject({ name: UserName, role: Role, password: Password })
  .meta({ id: 'NewUser' });

export const NewToken = z
  .strictObject({
    label: z.string().min(1).max(100),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .meta({ id: 'NewToken' });
export const CreatedToken = z
  .object({
    id: z.string(),
    token: z.string().meta({ description: 'Shown once; only its hash is stored.' }),
    label: z.string(),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'CreatedToken' });

export const UserNameParam = z.object({ name: UserName });
export const Ok = z.object({ ok: z.literal(true) }).meta({ id: 'Ok' });
