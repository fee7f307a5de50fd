import type { Command } from 'commander';
import { accountStore } from '../../infra/auth/account-store.js';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import { withStore, type GlobalOptions, type Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';
import { checkedName } from './user.js';

/** `salvo token create`: a bearer token for the API, printed once (only its hash is stored). */
export function registerToken(program: Command, io: Io, setExit: (code: number) => void): void {
  const token = program.command('token').description('bearer tokens for the team server API');
  token
    .command('create')
    .description('create a bearer token for a user (printed once; only its hash is stored)')
    .requiredOption('--user <name>', 'whose token')
    .option('--label <text>', 'what the token is for', 'cli')
    .option('--expires-days <n>', 'lifetime in days (default: no expiry)')
    .action(async (o: { user: string; label: string; expiresDays?: string }, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      setExit(
        await runCommand(io, Boolean(opts.json), async () => {
          let days: number | undefined;
          if (o.expiresDays !== undefined) {
            days = Number(o.expiresDays);
            if (!Number.isInteger(days) || days < 1 || days > 3650)
              throw new SalvoFailure(
                salvoError('INVALID_INPUT', '--expires-days: a whole number of days, 1-3650', [
                  { field: '--expires-days', reason: 'not 1-3650' },
                ]),
              );
          }
          if (o.label.length < 1 || o.label.length > 100)
            throw new SalvoFailure(
              salvoError('INVALID_INPUT', '--label: 1-100 characters', [
                { field: '--label', reason: 'length' },
              ]),
            );
          const t = await withStore(opts, (s) =>
            accountStore(s.db).createToken(checkedName(o.user, '--user'), o.label, days),
          );
          if (opts.json) printJson(io, { ok: true, id: t.id, token: t.token, expiresAt: t.expiresAt });
          else {
            io.out(`token ${t.id} for '${o.user}'${t.expiresAt ? `, expires ${t.expiresAt}` : ''}`);
            io.out(`send as: Authorization: Bearer ${t.token}`);
            io.out('(shown once: only its hash is stored)');
          }
          return EXIT.OK;
        }),
      );
    });
}
