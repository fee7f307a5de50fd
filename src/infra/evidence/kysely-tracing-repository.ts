import type { Kysely, Selectable, Transaction } from 'kysely';
import type {
  Component,
  TraceRequest,
  TraceStatus,
  TraceUpdate,
  AddresseeKind,
} from '../../tracing/model/component.js';
import type { DateCodeFormat } from '../../tracing/model/date-code.js';
import type { TracingRepository, TracingTx } from '../../tracing/ports.js';
import type { Database } from '../db/schema.js';
import type { TraceComponentsTable, TraceRequestsTable } from '../db/schema-evidence.js';
import { evidenceTxOf, kyselyEvidenceRepository, retryingTransaction } from './kysely-evidence-repository.js';

type Db = Kysely<Database> | Transaction<Database>;
const u = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export function componentOf(r: Selectable<TraceComponentsTable>): Component {
  const c: Record<string, unknown> = {
    id: r.id,
    item: r.item_id,
    marking: r.marking,
    manufacturerRaw: u(r.manufacturer_raw),
    manufacturer: u(r.manufacturer),
    country: u(r.hq_country),
    partNumber: u(r.part_number),
    lot: u(r.lot),
    dateCodeRaw: u(r.date_code_raw),
    notes: u(r.notes),
    event: Number(r.event_idx),
    createdAt: r.created_at,
  };
  if (r.date_code_format && r.produced_from && r.produced_to && r.date_code_raw)
    c['dateCode'] = {
      raw: r.date_code_raw,
      format: r.date_code_format as DateCodeFormat,
      year: Number(r.produced_from.slice(0, 4)),
      from: r.produced_from,
      to: r.produced_to,
      confidence: Number(r.date_confidence ?? 0),
      note: r.date_note ?? '',
    };
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as unknown as Component;
}

const requestOf = (r: Selectable<TraceRequestsTable>): TraceRequest => ({
  id: r.id,
  item: r.item_id,
  ...(r.component_id ? { component: r.component_id } : {}),
  addressee: r.addressee,
  addresseeKind: r.addressee_kind as AddresseeKind,
  question: r.question,
  status: r.status as TraceStatus,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const count = async (db: Db, table: 'trace_components' | 'trace_requests'): Promise<number> =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const getComponent = async (db: Db, id: string) => {
  const r = await db.selectFrom('trace_components').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? componentOf(r) : undefined;
};
const getRequest = async (db: Db, id: string) => {
  const r = await db.selectFrom('trace_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? requestOf(r) : undefined;
};

function tracingTxOf(trx: Transaction<Database>): TracingTx {
  return {
    ...evidenceTxOf(trx),
    nextComponentId: async () => `CMP-${String((await count(trx, 'trace_components')) + 1).padStart(6, '0')}`,
    async insertComponent(c) {
      await trx
        .insertInto('trace_components')
        .values({
          id: c.id,
          item_id: c.item,
          marking: c.marking,
          manufacturer_raw: c.manufacturerRaw ?? null,
          manufacturer: c.manufacturer ?? null,
          hq_country: c.country ?? null,
          part_number: c.partNumber ?? null,
          lot: c.lot ?? null,
          date_code_raw: c.dateCodeRaw ?? null,
          date_code_format: c.dateCode?.format ?? null,
          produced_from: c.dateCode?.from ?? null,
          produced_to: c.dateCode?.to ?? null,
          date_confidence: c.dateCode?.confidence ?? null,
          date_note: c.dateCode?.note ?? null,
          notes: c.notes ?? null,
          event_idx: c.event,
          created_at: c.createdAt,
        })
        .execute();
    },
    getComponent: (id) => getComponent(trx, id),
    nextTraceRequestId: async () => `TR-${String((await count(trx, 'trace_requests')) + 1).padStart(6, '0')}`,
    async insertTraceRequest(r) {
      await trx
        .insertInto('trace_requests')
        .values({
          id: r.id,
          item_id: r.item,
          component_id: r.component ?? null,
          addressee: r.addressee,
          addressee_kind: r.addresseeKind,
          question: r.question,
          status: r.status,
          created_at: r.createdAt,
          updated_at: r.updatedAt,
        })
        .execute();
    },
    getTraceRequest: (id) => getRequest(trx, id),
    async setTraceStatus(id, status, at) {
      await trx.updateTable('trace_requests').set({ status, updated_at: at }).where('id', '=', id).execute();
    },
    async insertTraceUpdate(x: TraceUpdate) {
      await trx
        .insertInto('trace_updates')
        .values({
          event_idx: x.event,
          request_id: x.request,
          status: x.status,
          text: x.text ?? null,
          at: x.at,
          actor: x.actor,
        })
        .execute();
    },
  };
}

export function kyselyTracingRepository(db: Kysely<Database>): TracingRepository {
  return {
    evidence: kyselyEvidenceRepository(db),
    transaction: (fn) => retryingTransaction(db, (trx) => fn(tracingTxOf(trx))),
    async components(f) {
      let q = db
        .selectFrom('trace_components as c')
        .innerJoin('evidence_items as i', 'i.id', 'c.item_id')
        .selectAll('c');
      if (f.item) q = q.where('c.item_id', '=', f.item);
      if (f.incident) q = q.where('i.incident_id', '=', f.incident);
      return (await q.orderBy('c.id').execute()).map(componentOf);
    },
    getComponent: (id) => getComponent(db, id),
    async traceRequests(f) {
      let q = db.selectFrom('trace_requests').selectAll();
      if (f.status) q = q.where('status', '=', f.status);
      if (f.item) q = q.where('item_id', '=', f.item);
      return (await q.orderBy('id').execute()).map(requestOf);
    },
    getTraceRequest: (id) => getRequest(db, id),
    async traceUpdates(request) {
      const rows = await db
        .selectFrom('trace_updates')
        .selectAll()
        .where('request_id', '=', request)
        .orderBy('event_idx')
        .execute();
      return rows.map((r) => ({
        request: r.request_id,
        status: r.status as TraceStatus,
        ...(r.text === null ? {} : { text: r.text }),
        at: r.at,
        actor: r.actor,
        event: Number(r.event_idx),
      }));
    },
  };
}
