import type { Calendar, DateCodeReading } from './date-code.js';

/** What the investigator read off a part, before normalisation. */
export interface ComponentDraft {
  /** The marking as read, verbatim (all lines, ' / ' between them). */
  readonly marking: string;
  readonly manufacturer?: string;
  readonly partNumber?: string;
  readonly lot?: string;
  readonly dateCode?: string;
  readonly calendar?: Calendar;
  readonly notes?: string;
}

/** A component recovered from a fragment (a physical evidence item), normalised. */
export interface Component {
  readonly id: string;
  readonly item: string;
  readonly marking: string;
  readonly manufacturerRaw?: string;
  /** Normalised name and headquarters country (ISO 3166-1 alpha-2), when the maker is known. */
  readonly manufacturer?: string;
  readonly country?: string;
  readonly partNumber?: string;
  readonly lot?: string;
  readonly dateCode?: DateCodeReading;
  readonly dateCodeRaw?: string;
  readonly notes?: string;
  /** Log index of the custody event that recorded it. */
  readonly event: number;
  readonly createdAt: string;
}

export const TRACE_STATUSES = ['drafted', 'sent', 'replied', 'no_reply'] as const;
export type TraceStatus = (typeof TRACE_STATUSES)[number];
export const ADDRESSEE_KINDS = ['manufacturer', 'distributor', 'state', 'other'] as const;
export type AddresseeKind = (typeof ADDRESSEE_KINDS)[number];

/** A request to a manufacturer or a state about a part, and where it stands. */
export interface TraceRequest {
  readonly id: string;
  readonly item: string;
  readonly component?: string;
  readonly addressee: string;
  readonly addresseeKind: AddresseeKind;
  readonly question: string;
  readonly status: TraceStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One logged step of a trace request: sent, a reply, no reply, a follow-up. */
export interface TraceUpdate {
  readonly request: string;
  readonly status: TraceStatus;
  readonly text?: string;
  readonly at: string;
  readonly actor: string;
  readonly event: number;
}
