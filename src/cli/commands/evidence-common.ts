import type { Command } from 'commander';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import type { Store } from '../../infra/db/database.js';
import { evidenceDeps } from '../../infra/evidence/wiring.js';
import type { EvidenceDeps } from '../../evidence/services/deps.js';
import type { StoredEvent } from '../../evidence/model/custody-event.js';
import { withStore, type GlobalOptions, type Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';

/** Options of every evidence/tracing command. */
export interface EvidenceCliOptions extends GlobalOptions {
  readonly blobs?: string;
  readonly keys?: string;
  readonly actor?: string;
  readonly at?: string;
  readonly place?: string;
}

/** Adds --blobs and --keys (the locker's folders) to a command. */
export function withLockerOptions(cmd: Command): Command {
  return cmd
    .option('--blobs <dir>', 'blob folder (default <db>.blobs beside the database, or $SALVO_BLOBS)')
    .option('--keys <dir>', 'private-key folder (default <db>.keys beside the database, or $SALVO_KEYS)');
}

/** Adds the options every act on an item shares. */
export function withActOptions(cmd: Command): Command {
  return withLockerOptions(cmd)
    .requiredOption('--actor <name>', 'who acts (signs the event with their key)')
    .option('--at <iso>', 'when the act happened (ISO 8601 with zone; default now)')
    .option('--place <text>', 'where the act happened');
}

export async function withLocker<T>(
  opts: EvidenceCliOptions,
  fn: (deps: EvidenceDeps, store: Store) => Promise<T>,
): Promise<T> {
  return withStore(opts, (store) =>
    fn(
      evidenceDeps(store, {
        blobs: opts.blobs ?? process.env.SALVO_BLOBS,
        keys: opts.keys ?? process.env.SALVO_KEYS,
      }),
      store,
    ),
  );
}

/** --actor, else $SALVO_ACTOR, else the only actor whose private key this machine holds. */
export async function actorOrDefault(deps: EvidenceDeps, given: string | undefined): Promise<string> {
  const named = given ?? process.env.SALVO_ACTOR;
  if (named) return named;
  const mine: string[] = [];
  for (const k of await deps.repo.keys())
    if (k.validUntil === null && (await deps.keys.has(k.id))) mine.push(k.actor);
  if (mine.length === 1) return mine[0]!;
  throw new SalvoFailure(
    salvoError(
      'INVALID_INPUT',
      mine.length === 0
        ? `no actor: give --actor NAME (no private key in ${deps.keys.location}; create one with salvo key create --actor NAME)`
        : `which actor? give --actor NAME (this machine holds keys for: ${mine.join(', ')})`,
      [{ field: '--actor', reason: 'required' }],
    ),
  );
}

export const eventJson = (e: StoredEvent): Record<string, unknown> => ({
  item: e.record.item,
  event: e.record.index,
  type: e.record.event,
  actor: e.record.actor,
  at: e.record.at,
  hash: e.hash,
});

/** Runs an action that writes one event and prints it. */
export function eventAction(
  io: Io,
  setExit: (code: number) => void,
  body: (
    opts: EvidenceCliOptions & Record<string, unknown>,
    deps: EvidenceDeps,
    args: string[],
  ) => Promise<StoredEvent>,
): (...a: unknown[]) => Promise<void> {
  return async (...a: unknown[]) => {
    const cmd = a[a.length - 1] as Command;
    const args = a.slice(0, -2) as string[];
    const opts = cmd.optsWithGlobals<EvidenceCliOptions & Record<string, unknown>>();
    setExit(
      await runCommand(io, Boolean(opts.json), async () => {
        const ev = await withLocker(opts, (deps) => body(opts, deps, args));
        if (opts.json) printJson(io, { ok: true, ...eventJson(ev) });
        else
          io.out(
            `${ev.record.item}: ${ev.record.event} by ${ev.record.actor} (event ${ev.record.index}, sha256 ${ev.hash})`,
          );
        return EXIT.OK;
      }),
    );
  };
}

export const num = (v: string): number => {
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x))
    throw new SalvoFailure(salvoError('INVALID_INPUT', `'${v}' is not a number`));
  return x;
};
