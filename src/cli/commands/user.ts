import type { Command } from 'commander';
import { Password, Role, UserName } from '../../contract/index.js';
import { accountStore } from '../../infra/auth/account-store.js';
import { randomSecret } from '../../infra/auth/secrets.js';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import { withStore, type GlobalOptions, type Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';

const invalid = (field: string, reason: string): SalvoFailure =>
  new SalvoFailure(salvoError('INVALID_INPUT', `${field}: ${reason}`, [{ field, reason }]));

export function checkedName(text: string, field = 'NAME'): string {
  const r = UserName.safeParse(text);
  if (!r.success) throw invalid(field, r.error.issues.map((i) => i.message).join('; '));
  return r.data;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** `salvo user add|list|disable`: accounts of the team server (salvo serve). */
export function registerUser(program: Command, io: Io, setExit: (code: number) => void): void {
  const user = program.command('user').description('accounts of the team server (salvo serve)');
  user
    .command('add <name>')
    .description('add a user; the password comes from --password-stdin, $SALVO_PASSWORD, or is generated')
    .requiredOption('--role <role>', `one of ${Role.options.join(', ')}`)
    .option('--password-stdin', 'read the password from standard input')
    .action(async (name: string, o: { role: string; passwordStdin?: boolean }, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      setExit(
        await runCommand(io, Boolean(opts.json), async () => {
          const role = Role.safeParse(o.role);
          if (!role.success) throw invalid('--role', `'${o.role}' is not one of ${Role.options.join(', ')}`);
          const given = o.passwordStdin ? await readStdin() : process.env.SALVO_PASSWORD;
          const password = given ?? randomSecret(18);
          const pw = Password.safeParse(password);
          if (!pw.success) throw invalid('password', pw.error.issues.map((i) => i.message).join('; '));
          const u = await withStore(opts, (s) =>
            accountStore(s.db).addUser({ name: checkedName(name), role: role.data, password }),
          );
          const shown = given === undefined ? { password } : {};
          if (opts.json) printJson(io, { ok: true, name: u.name, role: u.role, ...shown });
          else {
            io.out(`user '${u.name}' added with role ${u.role}`);
            if (given === undefined) io.out(`password (shown once): ${password}`);
          }
          return EXIT.OK;
        }),
      );
    });
  user
    .command('list')
    .description('every user with their role and whether they are disabled')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      setExit(
        await runCommand(io, Boolean(opts.json), async () => {
          const users = await withStore(opts, (s) => accountStore(s.db).listUsers());
          const rows = users.map((u) => ({
            name: u.name,
            role: u.role,
            disabled: u.disabled,
            createdAt: u.createdAt,
          }));
          if (opts.json) printJson(io, { ok: true, users: rows });
          else if (rows.length === 0) io.out('no users (add one: salvo user add NAME --role admin)');
          else
            for (const r of rows)
              io.out(`${r.name}\t${r.role}${r.disabled ? '\tdisabled' : ''}\t${r.createdAt}`);
          return EXIT.OK;
        }),
      );
    });
  user
    .command('disable <name>')
    .description('disable a user: ends their sessions and revokes their tokens')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      setExit(
        await runCommand(io, Boolean(opts.json), async () => {
          const u = await withStore(opts, (s) => accountStore(s.db).setDisabled(checkedName(name), true));
          if (opts.json) printJson(io, { ok: true, name: u.name, disabled: true });
          else io.out(`user '${u.name}' disabled; their sessions ended and tokens revoked`);
          return EXIT.OK;
        }),
      );
    });
}
