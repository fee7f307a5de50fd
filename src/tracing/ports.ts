import type { EvidenceRepository, EvidenceTx } from '../evidence/ports.js';
import type { Component, TraceRequest, TraceUpdate, TraceStatus } from './model/component.js';

/** Writes of a tracing act, in the same transaction as its custody event. */
export interface TracingTx extends EvidenceTx {
  nextComponentId(): Promise<string>;
  insertComponent(c: Component): Promise<void>;
  getComponent(id: string): Promise<Component | undefined>;
  nextTraceRequestId(): Promise<string>;
  insertTraceRequest(r: TraceRequest): Promise<void>;
  getTraceRequest(id: string): Promise<TraceRequest | undefined>;
  setTraceStatus(id: string, status: TraceStatus, at: string): Promise<void>;
  insertTraceUpdate(u: TraceUpdate): Promise<void>;
}

export interface TracingRepository {
  readonly evidence: EvidenceRepository;
  transaction<T>(fn: (tx: TracingTx) => Promise<T>): Promise<T>;
  components(filter: { item?: string; incident?: string }): Promise<Component[]>;
  getComponent(id: string): Promise<Component | undefined>;
  traceRequests(filter: { status?: TraceStatus; item?: string }): Promise<TraceRequest[]>;
  getTraceRequest(id: string): Promise<TraceRequest | undefined>;
  traceUpdates(request: string): Promise<TraceUpdate[]>;
}

/** One CSV record with the physical line it starts on (the shape of infra's CSV tokenizer). */
export interface TextRecord {
  readonly line: number;
  readonly fields: string[];
}
