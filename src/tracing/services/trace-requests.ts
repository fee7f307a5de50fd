import { SalvoFailure, salvoError } from '../../kernel/index.js';
import { invalid } from '../../evidence/errors.js';
import { jsonObject } from '../../evidence/model/canonical.js';
import { appendEvent } from '../../evidence/services/append-event.js';
import { actorName, textOrUndefined } from '../../evidence/services/inputs.js';
import { signingIdentity } from '../../evidence/services/signing.js';
import {
  ADDRESSEE_KINDS,
  type AddresseeKind,
  type TraceRequest,
  type TraceStatus,
} from '../model/component.js';
import type { TracingDeps } from './deps.js';

const notFound = (what: string, id: string): SalvoFailure =>
  new SalvoFailure(
    salvoError('NOT_FOUND', `no ${what} '${id}' in the store`, [{ field: what, reason: 'not found' }]),
  );

/**
 * Drafts (or records as sent) a trace request about a component, to its manufacturer, a distributor or a
 * state; logged as a signed `traced` event on the component's item, in the same transaction.
 */
export async function requestTrace(
  deps: TracingDeps,
  input: { component: string; to: string; kind?: string; question: string; actor: string; sent?: boolean },
): Promise<TraceRequest> {
  const actor = actorName('--actor', input.actor);
  const kind = (input.kind ?? 'manufacturer') as AddresseeKind;
  if (!ADDRESSEE_KINDS.includes(kind))
    throw invalid('--kind', `'${input.kind}' is not one of ${ADDRESSEE_KINDS.join(', ')}`);
  const question = textOrUndefined('--question', input.question, 20_000)!;
  if (!question.trim()) throw invalid('--question', 'say what is asked (serial, lot, sale records)');
  if (!input.to.trim()) throw invalid('--to', 'who the request goes to');
  const who = await signingIdentity(deps.tracing.evidence, deps.keys, actor);
  const component = await deps.tracing.getComponent(input.component);
  if (!component) throw notFound('component', input.component);
  return deps.tracing.transaction(async (tx) => {
    const now = deps.clock.nowIso();
    const status: TraceStatus = input.sent ? 'sent' : 'drafted';
    const req: TraceRequest = {
      id: await tx.nextTraceRequestId(),
      item: component.item,
      component: component.id,
      addressee: input.to,
      addresseeKind: kind,
      question,
      status,
      createdAt: now,
      updatedAt: now,
    };
    await tx.insertTraceRequest(req);
    const ev = await appendEvent(tx, deps, who, {
      item: component.item,
      event: 'traced',
      details: jsonObject({
        request: req.id,
        component: component.id,
        status,
        to: req.addressee,
        kind,
        question,
      }),
    });
    await tx.insertTraceUpdate({
      request: req.id,
      status,
      text: question,
      at: ev.record.at,
      actor,
      event: ev.record.index,
    });
    return req;
  });
}

export const TRACE_STEPS = ['sent', 'replied', 'no_reply', 'follow_up'] as const;
export type TraceStep = (typeof TRACE_STEPS)[number];

/**
 * A step of a trace request: sent, a reply (with its text), no reply, or a follow-up (the request is sent
 * again). Each is a signed `traced` event; the request's status follows.
 */
export async function updateTrace(
  deps: TracingDeps,
  input: { request: string; step: string; text?: string; actor: string },
): Promise<TraceRequest> {
  const actor = actorName('--actor', input.actor);
  if (!(TRACE_STEPS as readonly string[]).includes(input.step))
    throw invalid('step', `'${input.step}' is not one of ${TRACE_STEPS.join(', ')}`);
  const step = input.step as TraceStep;
  const text = textOrUndefined('--text', input.text, 200_000);
  if ((step === 'replied' || step === 'follow_up') && !text?.trim())
    throw invalid('--text', `a ${step === 'replied' ? 'reply' : 'follow-up'} needs its text`);
  const who = await signingIdentity(deps.tracing.evidence, deps.keys, actor);
  if (!(await deps.tracing.getTraceRequest(input.request))) throw notFound('trace request', input.request);
  return deps.tracing.transaction(async (tx) => {
    const req = await tx.getTraceRequest(input.request);
    if (!req) throw notFound('trace request', input.request);
    const status: TraceStatus = step === 'follow_up' ? 'sent' : step;
    const ev = await appendEvent(tx, deps, who, {
      item: req.item,
      event: 'traced',
      details: jsonObject({ request: req.id, step, status, text }),
    });
    await tx.setTraceStatus(req.id, status, ev.record.loggedAt);
    await tx.insertTraceUpdate({
      request: req.id,
      status,
      text,
      at: ev.record.at,
      actor,
      event: ev.record.index,
    });
    return { ...req, status, updatedAt: ev.record.loggedAt };
  });
}
