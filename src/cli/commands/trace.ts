import type { Command } from 'commander';
import { salvoError, SalvoFailure } from '../../kernel/index.js';
import { requestTrace, updateTrace } from '../../tracing/services/trace-requests.js';
import { TRACE_STATUSES, type TraceStatus } from '../../tracing/model/component.js';
import type { Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, runCommand } from '../run.js';
import { withLocker, withLockerOptions, type EvidenceCliOptions } from './evidence-common.js';
import { tracingDeps } from './components.js';

export function registerTrace(program: Command, io: Io, setExit: (code: number) => void): void {
  const trace = program
    .command('trace')
    .description('trace requests to manufacturers and states about recovered parts');
  withLockerOptions(
    trace
      .command('request')
      .description('draft a trace request about a component (a signed traced event)')
      .argument('<component>', 'component id (CMP-...)')
      .requiredOption('--to <addressee>', 'the manufacturer, distributor or state asked')
      .requiredOption('--question <text>', 'what is asked')
      .requiredOption('--actor <name>', 'who asks')
      .option('--kind <kind>', 'manufacturer | distributor | state | other (default manufacturer)')
      .option('--sent', 'it has been sent already'),
  ).action(async (component: string, _o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<
      EvidenceCliOptions & { to: string; question: string; actor: string; kind?: string; sent?: boolean }
    >();
    setExit(
      await runCommand(io, Boolean(o.json), async () => {
        const r = await withLocker(o, (deps, store) =>
          requestTrace(tracingDeps(deps, store), {
            component,
            to: o.to,
            question: o.question,
            actor: o.actor,
            kind: o.kind,
            sent: Boolean(o.sent),
          }),
        );
        if (o.json) printJson(io, { ok: true, request: r });
        else io.out(`${r.id}: ${r.status}, to ${r.addressee} about ${r.component ?? r.item}`);
        return EXIT.OK;
      }),
    );
  });
  withLockerOptions(
    trace
      .command('reply')
      .description('log a step of a request: a reply (--text), --sent, --no-reply, or --follow-up TEXT')
      .argument('<request>', 'request id (TR-...)')
      .requiredOption('--actor <name>', 'who logs it')
      .option('--text <text>', 'the reply, as received')
      .option('--sent', 'the request was sent')
      .option('--no-reply', 'no reply came (by the deadline)')
      .option('--follow-up <text>', 'a follow-up was sent'),
  ).action(async (request: string, _o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<
      EvidenceCliOptions & {
        actor: string;
        text?: string;
        sent?: boolean;
        reply?: boolean;
        followUp?: string;
      }
    >();
    setExit(
      await runCommand(io, Boolean(o.json), async () => {
        const steps = [
          o.sent ? 'sent' : undefined,
          o.reply === false ? 'no_reply' : undefined,
          o.followUp !== undefined ? 'follow_up' : undefined,
        ].filter((s) => s !== undefined);
        if (steps.length > 1)
          throw new SalvoFailure(
            salvoError('INVALID_INPUT', 'give one of --sent, --no-reply, --follow-up or --text'),
          );
        const step = steps[0] ?? 'replied';
        const r = await withLocker(o, (deps, store) =>
          updateTrace(tracingDeps(deps, store), {
            request,
            step,
            text: o.followUp ?? o.text,
            actor: o.actor,
          }),
        );
        if (o.json) printJson(io, { ok: true, request: r });
        else io.out(`${r.id}: ${r.status}`);
        return EXIT.OK;
      }),
    );
  });
  withLockerOptions(
    trace
      .command('list')
      .description('trace requests and their history')
      .option('--status <s>', TRACE_STATUSES.join(' | '))
      .option('--item <id>', 'about one item'),
  ).action(async (_o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<EvidenceCliOptions & { status?: string; item?: string }>();
    setExit(
      await runCommand(io, Boolean(o.json), async () => {
        if (o.status !== undefined && !(TRACE_STATUSES as readonly string[]).includes(o.status))
          throw new SalvoFailure(
            salvoError('INVALID_INPUT', `--status '${o.status}' is not one of ${TRACE_STATUSES.join(', ')}`),
          );
        const rows = await withLocker(o, async (deps, store) => {
          const repo = tracingDeps(deps, store).tracing;
          const list = await repo.traceRequests({
            status: o.status as TraceStatus | undefined,
            item: o.item,
          });
          return Promise.all(list.map(async (r) => ({ ...r, history: await repo.traceUpdates(r.id) })));
        });
        if (o.json) printJson(io, { requests: rows });
        else if (rows.length === 0) io.out('no trace requests');
        else
          for (const r of rows) {
            io.out(
              `${r.id}  ${r.status.padEnd(8)} to ${r.addressee} (${r.addresseeKind}) about ${r.component ?? r.item}: ${r.question}`,
            );
            for (const h of r.history)
              io.out(`    #${h.event} ${h.at} ${h.status} by ${h.actor}${h.text ? `: ${h.text}` : ''}`);
          }
        return EXIT.OK;
      }),
    );
  });
}
